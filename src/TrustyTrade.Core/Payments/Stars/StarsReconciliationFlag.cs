namespace TrustyTrade.Core.Payments.Stars;

/// <summary>A stored difference an admin has not resolved yet.</summary>
public sealed record StarsReconciliationFlag(string ChargeId, StarsDiscrepancyKind Kind, string? Detail, DateTimeOffset FlaggedAt);
