namespace TrustyTrade.Core.Deals.Workflow;

/// <summary>What one reconciliation run found and did.</summary>
public sealed record DealReconciliationReport(int Checked, int Started, int Signalled, int Flagged, int Errors);
