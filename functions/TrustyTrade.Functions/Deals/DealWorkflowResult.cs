using TrustyTrade.Core.Deals;

namespace TrustyTrade.Functions.Deals;

/// <summary>The output of a deal's orchestration: the deal's final status, or null when the deal does not exist.</summary>
public sealed record DealWorkflowResult(long DealId, DealStatus? Status, int? Version);
