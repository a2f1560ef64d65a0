using TrustyTrade.Core.Deals.Disputes;
using TrustyTrade.Core.Deals.Workflow;

namespace TrustyTrade.Core.Deals;

/// <summary>
/// A deal as its page shows it: the deal, its listing's title, its timeline, its workflow's state (null when none runs)
/// and its dispute (null when never disputed).
/// </summary>
public sealed record DealDetail(Deal Deal, string Title, IReadOnlyList<DealEvent> Timeline, DealWorkflowState? Workflow, Dispute? Dispute = null);
