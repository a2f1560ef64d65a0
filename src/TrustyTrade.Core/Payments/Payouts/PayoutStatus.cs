namespace TrustyTrade.Core.Payments.Payouts;

/// <summary>
/// A payout's way: requested → approved (or rejected) → signed (the transaction stored, not yet broadcast) → sent →
/// confirmed (or failed on chain, its money left pending for an admin).
/// </summary>
public enum PayoutStatus
{
    Requested,
    Approved,
    Rejected,

    /// <summary>Its transaction is signed and stored, not yet known to be broadcast (stored as "signed").</summary>
    TransactionSigned,

    Sent,
    Confirmed,
    Failed,
}
