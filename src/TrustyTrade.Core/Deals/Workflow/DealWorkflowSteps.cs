using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TrustyTrade.Core.Idempotency;
using TrustyTrade.Core.Notifications;
using TrustyTrade.Core.Telemetry;
using TrustyTrade.Core.Users;

namespace TrustyTrade.Core.Deals.Workflow;

/// <summary>
/// What a deal's workflow does at each step, as Core's use cases: the orchestration's activities only call these.
/// Each may run more than once: a deadline's command carries a key made of the deal, the command and the version it
/// acts on, so a second run replays the first result or finds the deal already moved on; notifications carry ids the
/// sender sends once. The clock is the activities' own: what they answer is recorded in the orchestration's history.
/// </summary>
public sealed partial class DealWorkflowSteps(
    DealService deals,
    IDealWorkflowStore store,
    IUserStore users,
    INotificationPublisher notifications,
    IOptions<DealWorkflowOptions> options,
    TimeProvider time,
    ILogger<DealWorkflowSteps> logger)
{
    private readonly DealWorkflowOptions _options = options.Value;

    public Task<Deal?> FindDealAsync(long dealId, CancellationToken cancellationToken) => store.FindDealAsync(dealId, cancellationToken);

    /// <summary>When the party who has to act before the deal's current deadline is reminded of it; null for no reminder.</summary>
    public DateTimeOffset? RemindAt(Deal deal)
    {
        ArgumentNullException.ThrowIfNull(deal);
        return DealDeadline.Of(deal) is { } deadline
            ? DealReminders.RemindAt(deadline, _options.ReminderLead(deadline.Kind), time.GetUtcNow())
            : null;
    }

    /// <summary>
    /// Queues the reminder of <paramref name="deadline"/> to the party who has to act, when the deal is still at
    /// <paramref name="version"/> waiting on it and it has not passed; returns how many notifications (0 or 1).
    /// </summary>
    public async Task<int> RemindAsync(long dealId, DealDeadlineKind deadline, int version, CancellationToken cancellationToken)
    {
        using var scope = LogScopes.Deal(logger, dealId);
        var deal = await store.FindDealAsync(dealId, cancellationToken).ConfigureAwait(false);

        // A deal that moved on since the reminder's timer was set has another deadline, or none: its reminder is moot.
        if (deal is null || deal.Version != version || DealDeadline.Of(deal) is not { } current || current.Kind != deadline
            || current.DueAt <= time.GetUtcNow() || DealReminders.RecipientOf(deal, deadline) is not { } recipientId)
        {
            return 0;
        }

        var recipient = await users.FindAsync(recipientId, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"deal {deal.Id}: the user {recipientId} to remind is missing");
        await notifications.EnqueueManyAsync([DealNotifications.DeadlineApproaching(deal, current, recipient)], cancellationToken)
            .ConfigureAwait(false);
        return 1;
    }

    /// <summary>
    /// Runs the system command of <paramref name="deadline"/> when it is still the deal's current deadline.
    /// Returns the deal as it is now (null when it is gone) and whether the command came too early by the database's clock.
    /// </summary>
    public async Task<(Deal? Deal, bool TooEarly)> PassDeadlineAsync(long dealId, DealDeadlineKind deadline, CancellationToken cancellationToken)
    {
        using var scope = LogScopes.Deal(logger, dealId);
        var deal = await store.FindDealAsync(dealId, cancellationToken).ConfigureAwait(false);

        // The deal may have moved since the timer was set (a user's command raced the timer): then this deadline is gone.
        if (deal is null || DealDeadline.Of(deal) is not { } current || current.Kind != deadline)
        {
            return (deal, false);
        }

        var command = current.Command;
        var key = new IdempotencyKey($"workflow:deal-{deal.Id}:{command.Name}:{deal.Version}");
        var result = await deals.ExecuteAsync(new(key, new ActOnDeal(deal.Id, Actor.System, command)), cancellationToken).ConfigureAwait(false);
        switch (result)
        {
            case { Refusal: null, Replayed: false, Deal: { } moved }:
                return (moved, false);
            case { Refusal: null }:
                break; // a replay shows the deal as the first run left it: read it as it is now
            case { Refusal.Code: DealRefusalCode.TooEarly }:
                LogTooEarly(deal.Id, command.Name, result.Refusal.Detail);
                return (deal, true);
            case { Refusal.Code: DealRefusalCode.NotAllowedInStatus }:
                LogRaced(deal.Id, command.Name, result.Refusal.Detail);
                break;
            default:
                throw new InvalidOperationException($"deal {deal.Id}: {command.Name} refused ({result.Refusal!.Code}): {result.Refusal.Detail}");
        }

        return (await store.FindDealAsync(deal.Id, cancellationToken).ConfigureAwait(false), false);
    }

    /// <summary>
    /// Queues what the buyer and the seller are told about each version of the deal after <paramref name="toldVersion"/>
    /// up to the one it is at now (steps can follow each other faster than the workflow reads the deal), or about the
    /// deal as it is now when its history has no versions to tell; returns how many notifications.
    /// </summary>
    public async Task<int> NotifyPartiesAsync(long dealId, int? toldVersion, CancellationToken cancellationToken)
    {
        using var scope = LogScopes.Deal(logger, dealId);
        var deal = await store.FindDealAsync(dealId, cancellationToken).ConfigureAwait(false);
        if (deal is null)
        {
            return 0;
        }

        var buyer = await users.FindAsync(deal.BuyerId, cancellationToken).ConfigureAwait(false);
        var seller = await users.FindAsync(deal.SellerId, cancellationToken).ConfigureAwait(false);
        if (buyer is null || seller is null)
        {
            throw new InvalidOperationException($"deal {deal.Id}: its buyer or seller is missing");
        }

        var versions = toldVersion is { } told && deal.Version > told
            ? (await store.ListStatusesAfterAsync(deal.Id, told, cancellationToken).ConfigureAwait(false)).Where(v => v.Version <= deal.Version).ToList()
            : [];
        if (versions.Count == 0)
        {
            versions.Add(new DealVersionStatus(deal.Version, deal.Status));
        }

        var outcome = versions.Any(v => v.Status == DealStatus.Resolved)
            ? await store.FindDisputeOutcomeAsync(deal.Id, cancellationToken).ConfigureAwait(false)
            : null;
        var messages = versions
            .SelectMany(v => DealNotifications.For(deal with { Version = v.Version, Status = v.Status }, buyer, seller, outcome))
            .ToList();
        if (messages.Count > 0)
        {
            await notifications.EnqueueManyAsync([.. messages], cancellationToken).ConfigureAwait(false);
        }

        return messages.Count;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Deal {DealId}: {Command} came too early ({Detail}); the workflow retries")]
    private partial void LogTooEarly(long dealId, string command, string detail);

    [LoggerMessage(Level = LogLevel.Information, Message = "Deal {DealId}: {Command} lost a race with another command ({Detail})")]
    private partial void LogRaced(long dealId, string command, string detail);
}
