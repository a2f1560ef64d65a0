using TrustyTrade.Core.Deals;
using TrustyTrade.Core.Deals.Workflow;

namespace TrustyTrade.Functions.Deals;

/// <summary>A deal as its orchestration needs it: where it is, its version, and the deadline it waits on (if any).</summary>
public sealed record DealStep(long DealId, DealStatus Status, int Version, DealDeadlineKind? Deadline, DateTimeOffset? DueAt)
{
    public static DealStep Of(Deal deal)
    {
        ArgumentNullException.ThrowIfNull(deal);
        var deadline = DealDeadline.Of(deal);
        return new(deal.Id, deal.Status, deal.Version, deadline?.Kind, deadline?.DueAt);
    }
}
