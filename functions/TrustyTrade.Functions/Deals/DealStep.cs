using TrustyTrade.Core.Deals;
using TrustyTrade.Core.Deals.Workflow;

namespace TrustyTrade.Functions.Deals;

/// <summary>
/// A deal as its orchestration needs it: where it is, its version, the deadline it waits on (if any), and when the
/// party who has to act before that deadline is reminded of it (null for no reminder; also what a step recorded in a
/// running orchestration's history before reminders existed reads as, so such a history replays unchanged).
/// </summary>
public sealed record DealStep(
    long DealId, DealStatus Status, int Version, DealDeadlineKind? Deadline, DateTimeOffset? DueAt, DateTimeOffset? RemindAt = null)
{
    public static DealStep Of(Deal deal, DateTimeOffset? remindAt)
    {
        ArgumentNullException.ThrowIfNull(deal);
        var deadline = DealDeadline.Of(deal);
        return new(deal.Id, deal.Status, deal.Version, deadline?.Kind, deadline?.DueAt, remindAt);
    }
}
