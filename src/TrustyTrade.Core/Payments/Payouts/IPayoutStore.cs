using TrustyTrade.Core.Idempotency;
using TrustyTrade.Core.Ledger;
using TrustyTrade.Core.Monetary;
using TrustyTrade.Core.Payments.Chain;
using TrustyTrade.Core.Vault;

namespace TrustyTrade.Core.Payments.Payouts;

/// <summary>
/// Payouts, the XTR→USDT rate, the hot wallet's nonces and deposit sweeps. Every write that moves money writes its
/// ledger posting in the same transaction; every signed transaction is stored before anyone broadcasts it.
/// </summary>
public interface IPayoutStore
{
    Task SetRateAsync(long adminId, decimal rate, CancellationToken cancellationToken);

    /// <summary>The newest XTR→USDT rate an admin set, or null when none was.</summary>
    Task<decimal?> GetRateAsync(CancellationToken cancellationToken);

    Task<PayoutBalance> GetBalanceAsync(long userId, Currency currency, CancellationToken cancellationToken);

    /// <summary>
    /// Under the user's lock: replays the payout stored under the request's key; else stores it with its posting when
    /// every balance the posting draws from still covers it; else null (spent meanwhile).
    /// </summary>
    Task<Payout?> CreateAsync(NewPayout payout, CancellationToken cancellationToken);

    Task<Payout?> FindAsync(long payoutId, CancellationToken cancellationToken);

    Task<Payout?> FindByKeyAsync(IdempotencyKey key, CancellationToken cancellationToken);

    /// <summary>requested → approved; false when it was not requested.</summary>
    Task<bool> ApproveAsync(long payoutId, long adminId, CancellationToken cancellationToken);

    /// <summary>requested → rejected with the request's posting reversed; false when it was not requested.</summary>
    Task<bool> RejectAsync(long payoutId, long adminId, string reason, CancellationToken cancellationToken);

    Task<IReadOnlyList<Payout>> ListAsync(PayoutStatus status, int limit, CancellationToken cancellationToken);

    /// <summary>
    /// Up to <paramref name="limit"/> payouts with ids above <paramref name="afterId"/> in id order: one user's when
    /// <paramref name="userId"/> is given, in one status when <paramref name="status"/> is.
    /// </summary>
    Task<IReadOnlyList<Payout>> ListPageAsync(long? userId, PayoutStatus? status, long afterId, int limit, CancellationToken cancellationToken);

    /// <summary>
    /// In one transaction: locks the approved payout and the hot wallet's nonce row, takes the nonce (the stored next
    /// one or <paramref name="chainNonce"/>, whichever is higher), calls <paramref name="sign"/> with it and stores the
    /// signed transaction with status signed. Null when the payout is no longer approved (another sender took it).
    /// </summary>
    Task<Payout?> SignAsync(long payoutId, string hotWallet, long chainNonce, Func<long, SignedChainTransaction> sign, CancellationToken cancellationToken);

    /// <summary>signed → sent (the node has the transaction).</summary>
    Task MarkSentAsync(long payoutId, CancellationToken cancellationToken);

    /// <summary>sent → confirmed, with the posting payout pending → paid out; false when it was not sent.</summary>
    Task<bool> ConfirmAsync(long payoutId, long blockNumber, LedgerPosting posting, CancellationToken cancellationToken);

    /// <summary>sent → failed with a flag for an admin; the money stays pending. False when it was not sent.</summary>
    Task<bool> FailAsync(long payoutId, long blockNumber, CancellationToken cancellationToken);

    /// <summary>Deals paid from their deposit address whose sweep is not finished, oldest first.</summary>
    Task<IReadOnlyList<SweepCandidate>> ListSweepsAsync(int limit, CancellationToken cancellationToken);

    /// <summary>
    /// Stores gas for the deal's address as signed by <paramref name="sign"/> with the hot wallet's next nonce (as in
    /// <see cref="SignAsync"/>), step gas_funded; null when the deal's sweep had started meanwhile.
    /// </summary>
    Task<SignedChainTransaction?> FundGasAsync(
        long dealId, decimal amount, string hotWallet, long chainNonce, Func<long, SignedChainTransaction> sign, CancellationToken cancellationToken);

    /// <summary>Stores the deposit's signed token transfer to the hot wallet, step swept; false when it was stored before.</summary>
    Task<bool> RecordSweepAsync(long dealId, decimal amount, SignedChainTransaction transaction, CancellationToken cancellationToken);

    /// <summary>The sweep's transaction is mined: nothing left to do for the deal.</summary>
    Task FinishSweepAsync(long dealId, CancellationToken cancellationToken);
}

/// <summary>A paid deal's deposit address, its sealed key, and how far its sweep went.</summary>
public sealed record SweepCandidate(long DealId, string Address, EncryptedSecret Key, SweepStep? Step, SignedChainTransaction? GasTransaction, SignedChainTransaction? SweepTransaction);
