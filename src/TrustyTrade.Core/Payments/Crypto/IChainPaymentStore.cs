using TrustyTrade.Core.Payments.Chain;
using TrustyTrade.Core.Vault;

namespace TrustyTrade.Core.Payments.Crypto;

/// <summary>Deposit addresses, the transfers that reached them, and the poller's place on the chain.</summary>
public interface IChainPaymentStore
{
    Task<CryptoInvoice?> FindInvoiceAsync(long dealId, CancellationToken cancellationToken);

    /// <summary>Stores the deal's invoice unless it has one; returns the one stored (so racing callers agree on one address).</summary>
    Task<CryptoInvoice> CreateInvoiceAsync(long dealId, string address, EncryptedSecret privateKey, CancellationToken cancellationToken);

    /// <summary>The deals whose deposit address is among <paramref name="addresses"/>, by address.</summary>
    Task<IReadOnlyDictionary<string, long>> FindDealsByAddressAsync(IReadOnlyCollection<string> addresses, CancellationToken cancellationToken);

    /// <summary>
    /// Records a confirmed transfer to the deal's address once (by hash and log index), in one transaction with its
    /// ledger posting and <c>transactions</c> row: into the deal's deposits while it awaits payment, otherwise to the
    /// buyer's balance with a flag for an admin.
    /// </summary>
    Task<DepositOutcome> RecordDepositAsync(long dealId, TokenTransfer transfer, CancellationToken cancellationToken);

    /// <summary>
    /// Invoices with deposits to settle, oldest first: those that reached their deal's price while it awaits payment,
    /// and those whose deal no longer awaits it (paid, or closed unpaid). An underpayment is not listed: it waits.
    /// </summary>
    Task<IReadOnlyList<UnsettledInvoice>> ListUnsettledAsync(int limit, CancellationToken cancellationToken);

    /// <summary>The deal was paid from its deposits: nothing is left to settle.</summary>
    Task MarkSettledAsync(long dealId, CancellationToken cancellationToken);

    /// <summary>
    /// The deal closed unpaid: whatever its deposits still hold goes to the buyer's balance, flagged for an admin, in
    /// one transaction with marking the invoice settled. False when the deal is not closed unpaid (it was paid meanwhile).
    /// </summary>
    Task<bool> ReturnDepositsAsync(long dealId, CancellationToken cancellationToken);

    Task<ChainCursor?> GetCursorAsync(CancellationToken cancellationToken);

    /// <summary>Places the cursor at <paramref name="nextBlock"/> unless it is placed already.</summary>
    Task StartCursorAsync(long nextBlock, CancellationToken cancellationToken);

    /// <summary>Moves the cursor on when <paramref name="tick"/> is still the scheduled one; returns the next tick, or null when another took over.</summary>
    Task<long?> AdvanceAsync(long tick, long nextBlock, CancellationToken cancellationToken);

    /// <summary>Schedules a new tick when nobody polled since <paramref name="idleSince"/>; returns it, or null when polling is alive.</summary>
    Task<long?> TakeOverIfIdleAsync(DateTimeOffset idleSince, CancellationToken cancellationToken);

    /// <summary>Whether an invoice was opened since <paramref name="since"/>: its address may still receive money.</summary>
    Task<bool> AnyInvoiceSinceAsync(DateTimeOffset since, CancellationToken cancellationToken);
}

/// <summary>The poller's place: the next block to read and the tick allowed to read it.</summary>
public sealed record ChainCursor(long NextBlock, long ScheduledTick, DateTimeOffset PolledAt);
