namespace TrustyTrade.Core.Payments.Stars;

/// <summary>A Stars charge as we recorded it (a deal's payment or an unmatched one), for comparison with Telegram's list.</summary>
public sealed record StarsChargeRecord(string ChargeId, long Amount, bool Refunded, DateTimeOffset ReceivedAt);
