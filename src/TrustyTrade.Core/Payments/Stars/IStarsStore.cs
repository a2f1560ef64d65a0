using TrustyTrade.Core.Ledger;

namespace TrustyTrade.Core.Payments.Stars;

/// <summary>What Stars refunds and their reconciliation read and write in our own records.</summary>
public interface IStarsStore
{
    /// <summary>The Stars charge that paid the deal, or null when it was not paid in Stars.</summary>
    Task<StarsDealCharge?> FindDealChargeAsync(long dealId, CancellationToken cancellationToken);

    /// <summary>
    /// In one transaction: marks the deal's charge refunded and writes <paramref name="payout"/>, only when the charge
    /// was not refunded yet; false (and nothing written) when it was.
    /// </summary>
    Task<bool> CompleteDealRefundAsync(StarsDealCharge charge, LedgerPosting payout, CancellationToken cancellationToken);

    /// <summary>Keeps the unmatched payment once per charge id; true when it is refunded already (a repeated notice).</summary>
    Task<bool> RecordUnmatchedAsync(UnmatchedStarsPayment payment, CancellationToken cancellationToken);

    /// <summary>In one transaction: marks the unmatched payment refunded and writes <paramref name="posting"/>, once; false when done before.</summary>
    Task<bool> CompleteUnmatchedRefundAsync(string chargeId, LedgerPosting posting, CancellationToken cancellationToken);

    /// <summary>Every Stars charge we recorded: deals' payments and unmatched ones.</summary>
    Task<IReadOnlyList<StarsChargeRecord>> ListChargesAsync(CancellationToken cancellationToken);

    /// <summary>Stores the difference unless the same charge and kind was flagged before; true when it is new.</summary>
    Task<bool> FlagAsync(StarsDiscrepancy discrepancy, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>Flags no admin has resolved yet, newest first.</summary>
    Task<IReadOnlyList<StarsReconciliationFlag>> ListOpenFlagsAsync(CancellationToken cancellationToken);
}
