namespace TrustyTrade.Functions.Deals;

/// <summary>The input of a deal's orchestration: which deal it drives.</summary>
public sealed record DealWorkflowInput(long DealId);
