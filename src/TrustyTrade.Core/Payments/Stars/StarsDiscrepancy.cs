namespace TrustyTrade.Core.Payments.Stars;

/// <summary>One difference between Telegram's Star transactions and ours; <paramref name="Detail"/> holds amounts, never payloads.</summary>
public sealed record StarsDiscrepancy(string ChargeId, StarsDiscrepancyKind Kind, string Detail);
