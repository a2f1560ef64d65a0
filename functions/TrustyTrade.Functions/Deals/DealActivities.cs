using Microsoft.Azure.Functions.Worker;
using TrustyTrade.Core.Deals;
using TrustyTrade.Core.Deals.Workflow;

namespace TrustyTrade.Functions.Deals;

/// <summary>The deal orchestration's activities: each one call into Core's <see cref="DealWorkflowSteps"/>, which may run twice.</summary>
public sealed class DealActivities(DealWorkflowSteps steps)
{
    public const string LoadDealName = nameof(LoadDeal);

    public const string PassDeadlineName = nameof(PassDeadline);

    public const string NotifyPartiesName = nameof(NotifyParties);

    public const string RemindDeadlineName = nameof(RemindDeadline);

    [Function(LoadDealName)]
    public async Task<DealStep?> LoadDeal([ActivityTrigger] long dealId) =>
        await steps.FindDealAsync(dealId, CancellationToken.None).ConfigureAwait(false) is { } deal ? Step(deal) : null;

    [Function(PassDeadlineName)]
    public async Task<DeadlineOutcome> PassDeadline([ActivityTrigger] DeadlinePassed deadline)
    {
        ArgumentNullException.ThrowIfNull(deadline);
        var (deal, tooEarly) = await steps.PassDeadlineAsync(deadline.DealId, deadline.Deadline, CancellationToken.None).ConfigureAwait(false);
        return new DeadlineOutcome(deal is null ? null : Step(deal), tooEarly);
    }

    [Function(NotifyPartiesName)]
    public Task<int> NotifyParties([ActivityTrigger] PartiesToTell parties)
    {
        ArgumentNullException.ThrowIfNull(parties);
        return steps.NotifyPartiesAsync(parties.DealId, parties.ToldVersion, CancellationToken.None);
    }

    [Function(RemindDeadlineName)]
    public Task<int> RemindDeadline([ActivityTrigger] DeadlineNear deadline)
    {
        ArgumentNullException.ThrowIfNull(deadline);
        return steps.RemindAsync(deadline.DealId, deadline.Deadline, deadline.Version, CancellationToken.None);
    }

    private DealStep Step(Deal deal) => DealStep.Of(deal, steps.RemindAt(deal));
}
