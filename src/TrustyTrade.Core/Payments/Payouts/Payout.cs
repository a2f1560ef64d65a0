using TrustyTrade.Core.Monetary;

namespace TrustyTrade.Core.Payments.Payouts;

/// <summary>
/// A withdrawal of a user's balance in USDT to <paramref name="Address"/>. An XTR payout records what it converted
/// (<paramref name="SourceAmount"/> Stars at <paramref name="Rate"/>); its transaction, once signed, is kept raw so a
/// retry broadcasts that very one.
/// </summary>
public sealed record Payout(
    long Id,
    long UserId,
    decimal Amount,
    string Address,
    PayoutStatus Status,
    Currency SourceCurrency,
    decimal SourceAmount,
    decimal? Rate,
    long? Nonce,
    string? TxHash,
    string? RawTx,
    long? BlockNumber);
