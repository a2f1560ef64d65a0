using TrustyTrade.Core.Payments.Chain;
using TrustyTrade.Core.Payments.Crypto;
using TrustyTrade.Core.Vault;

namespace TrustyTrade.Core.Tests.Payments;

/// <summary>
/// The poller's view of the store: addresses, the transfers recorded (once each) and the cursor with its tick. Money
/// and deal states are PostgreSQL's business and are proven by the integration tests against a real chain.
/// </summary>
internal sealed class InMemoryChainPaymentStore : IChainPaymentStore
{
    private readonly Dictionary<string, long> _deals = new(StringComparer.Ordinal);

    public List<TokenTransfer> Recorded { get; } = [];

    public ChainCursor? Cursor { get; set; }

    public DateTimeOffset? LastInvoiceAt { get; set; }

    public void AddInvoice(string address, long dealId, DateTimeOffset at)
    {
        _deals[address] = dealId;
        LastInvoiceAt = at;
    }

    public Task<CryptoInvoice?> FindInvoiceAsync(long dealId, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<CryptoInvoice> CreateInvoiceAsync(long dealId, string address, EncryptedSecret privateKey, CancellationToken cancellationToken) =>
        throw new NotSupportedException();

    public Task<IReadOnlyDictionary<string, long>> FindDealsByAddressAsync(IReadOnlyCollection<string> addresses, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyDictionary<string, long>>(addresses.Where(_deals.ContainsKey).ToDictionary(a => a, a => _deals[a]));

    public Task<DepositOutcome> RecordDepositAsync(long dealId, TokenTransfer transfer, CancellationToken cancellationToken)
    {
        if (Recorded.Any(t => t.TransactionHash == transfer.TransactionHash && t.LogIndex == transfer.LogIndex))
        {
            return Task.FromResult(DepositOutcome.Replayed);
        }

        Recorded.Add(transfer);
        return Task.FromResult(DepositOutcome.Deposited);
    }

    public Task<IReadOnlyList<UnsettledInvoice>> ListUnsettledAsync(int limit, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<UnsettledInvoice>>([]);

    public Task MarkSettledAsync(long dealId, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<bool> ReturnDepositsAsync(long dealId, CancellationToken cancellationToken) => Task.FromResult(false);

    public Task<ChainCursor?> GetCursorAsync(CancellationToken cancellationToken) => Task.FromResult(Cursor);

    public Task StartCursorAsync(long nextBlock, CancellationToken cancellationToken)
    {
        Cursor ??= new ChainCursor(nextBlock, 0, DateTimeOffset.MinValue);
        return Task.CompletedTask;
    }

    public Task<long?> AdvanceAsync(long tick, long nextBlock, CancellationToken cancellationToken)
    {
        if (Cursor is not { } cursor || cursor.ScheduledTick != tick)
        {
            return Task.FromResult<long?>(null);
        }

        Cursor = new ChainCursor(Math.Max(cursor.NextBlock, nextBlock), tick + 1, cursor.PolledAt);
        return Task.FromResult<long?>(tick + 1);
    }

    public Task<long?> TakeOverIfIdleAsync(DateTimeOffset idleSince, CancellationToken cancellationToken)
    {
        if (Cursor is not { } cursor || cursor.PolledAt >= idleSince)
        {
            return Task.FromResult<long?>(null);
        }

        Cursor = cursor with { ScheduledTick = cursor.ScheduledTick + 1, PolledAt = idleSince };
        return Task.FromResult<long?>(Cursor.ScheduledTick);
    }

    public Task<bool> AnyInvoiceSinceAsync(DateTimeOffset since, CancellationToken cancellationToken) =>
        Task.FromResult(LastInvoiceAt >= since);
}
