using TrustyTrade.Core.Deals.Workflow;

namespace TrustyTrade.Core.Deals;

/// <summary>A deal as its page shows it: the deal, its listing's title, its timeline and its workflow's state (null when none runs).</summary>
public sealed record DealDetail(Deal Deal, string Title, IReadOnlyList<DealEvent> Timeline, DealWorkflowState? Workflow);
