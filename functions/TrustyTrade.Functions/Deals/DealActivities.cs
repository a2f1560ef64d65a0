using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using TrustyTrade.Core.Deals;
using TrustyTrade.Core.Deals.Workflow;
using TrustyTrade.Core.Idempotency;
using TrustyTrade.Core.Notifications;
using TrustyTrade.Core.Users;

namespace TrustyTrade.Functions.Deals;

/// <summary>
/// The deal orchestration's effects, each one call into Core. Both may run more than once: reading changes nothing,
/// and a deadline's command carries a key made of the deal, the command and the version it acts on, so a second run
/// replays the first result or finds the deal already moved on.
/// </summary>
public sealed partial class DealActivities(
    DealService deals, IDealWorkflowStore store, IUserStore users, INotificationPublisher notifications, ILogger<DealActivities> logger)
{
    public const string LoadDealName = nameof(LoadDeal);

    public const string NotifyPartiesName = nameof(NotifyParties);

    public const string PassDeadlineName = nameof(PassDeadline);

    [Function(LoadDealName)]
    public async Task<DealStep?> LoadDeal([ActivityTrigger] long dealId)
    {
        var deal = await store.FindDealAsync(dealId, CancellationToken.None).ConfigureAwait(false);
        return deal is null ? null : DealStep.Of(deal);
    }

    [Function(PassDeadlineName)]
    public async Task<DeadlineOutcome> PassDeadline([ActivityTrigger] DeadlinePassed deadline)
    {
        ArgumentNullException.ThrowIfNull(deadline);
        var deal = await store.FindDealAsync(deadline.DealId, CancellationToken.None).ConfigureAwait(false);
        if (deal is null)
        {
            return new DeadlineOutcome(null, TooEarly: false);
        }

        // The deal may have moved since the timer was set (a user's command raced the timer): then this deadline is gone.
        if (DealDeadline.Of(deal) is not { } current || current.Kind != deadline.Deadline)
        {
            return new DeadlineOutcome(DealStep.Of(deal), TooEarly: false);
        }

        var command = current.Command;
        var key = new IdempotencyKey($"workflow:{DealOrchestrator.InstanceId(deal.Id)}:{command.Name}:{deal.Version}");
        var result = await deals.ExecuteAsync(new(key, new ActOnDeal(deal.Id, Actor.System, command)), CancellationToken.None).ConfigureAwait(false);
        switch (result.Refusal)
        {
            case null:
                break;
            case { Code: DealRefusalCode.TooEarly }:
                LogTooEarly(deal.Id, command.Name, result.Refusal.Detail);
                return new DeadlineOutcome(DealStep.Of(deal), TooEarly: true);
            case { Code: DealRefusalCode.NotAllowedInStatus }:
                LogRaced(deal.Id, command.Name, result.Refusal.Detail);
                break;
            default:
                throw new InvalidOperationException($"deal {deal.Id}: {command.Name} refused ({result.Refusal.Code}): {result.Refusal.Detail}");
        }

        var now = await store.FindDealAsync(deal.Id, CancellationToken.None).ConfigureAwait(false);
        return new DeadlineOutcome(now is null ? null : DealStep.Of(now), TooEarly: false);
    }

    /// <summary>
    /// Queues what the buyer and the seller are told about the deal as it is now. Run twice, it queues the same ids,
    /// and the sender sends each id once.
    /// </summary>
    [Function(NotifyPartiesName)]
    public async Task<int> NotifyParties([ActivityTrigger] long dealId)
    {
        var deal = await store.FindDealAsync(dealId, CancellationToken.None).ConfigureAwait(false);
        if (deal is null)
        {
            return 0;
        }

        var buyer = await users.FindAsync(deal.BuyerId, CancellationToken.None).ConfigureAwait(false);
        var seller = await users.FindAsync(deal.SellerId, CancellationToken.None).ConfigureAwait(false);
        if (buyer is null || seller is null)
        {
            throw new InvalidOperationException($"deal {deal.Id}: its buyer or seller is missing");
        }

        var outcome = deal.Status == DealStatus.Resolved
            ? await store.FindDisputeOutcomeAsync(deal.Id, CancellationToken.None).ConfigureAwait(false)
            : null;
        var messages = DealNotifications.For(deal, buyer, seller, outcome);
        if (messages.Count > 0)
        {
            await notifications.EnqueueManyAsync([.. messages], CancellationToken.None).ConfigureAwait(false);
        }

        return messages.Count;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Deal {DealId}: {Command} came too early ({Detail}); the workflow retries")]
    private partial void LogTooEarly(long dealId, string command, string detail);

    [LoggerMessage(Level = LogLevel.Information, Message = "Deal {DealId}: {Command} lost a race with another command ({Detail})")]
    private partial void LogRaced(long dealId, string command, string detail);
}
