namespace TrustyTrade.Core.Deals.Workflow;

/// <summary>A deal workflow's runtime status, when it last changed, and the failure's message when it failed.</summary>
public sealed record DealWorkflowState(DealWorkflowRuntimeStatus Status, DateTimeOffset LastUpdatedAt, string? Failure = null);
