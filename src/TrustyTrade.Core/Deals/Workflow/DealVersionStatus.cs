namespace TrustyTrade.Core.Deals.Workflow;

/// <summary>The status a deal's command left it in, at the version it produced (one row of its event history).</summary>
public sealed record DealVersionStatus(int Version, DealStatus Status);
