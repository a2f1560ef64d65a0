namespace TrustyTrade.Core.Payments.Stars;

/// <summary>
/// A Stars charge as we recorded it (a deal's payment or an unmatched one), for comparison with Telegram's list.
/// <paramref name="RefundOwedSince"/>: when we came to owe the payer the whole charge back (the deal closed refunded to
/// them, or the payment could not be applied), while it is not refunded yet; null otherwise.
/// </summary>
public sealed record StarsChargeRecord(string ChargeId, long Amount, bool Refunded, DateTimeOffset ReceivedAt, DateTimeOffset? RefundOwedSince = null);
