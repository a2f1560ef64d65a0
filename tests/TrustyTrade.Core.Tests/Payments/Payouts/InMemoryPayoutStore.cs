using TrustyTrade.Core.Idempotency;
using TrustyTrade.Core.Ledger;
using TrustyTrade.Core.Monetary;
using TrustyTrade.Core.Payments.Chain;
using TrustyTrade.Core.Payments.Payouts;

namespace TrustyTrade.Core.Tests.Payments.Payouts;

/// <summary>A fake of Core's own <see cref="IPayoutStore"/> for the request rules: balances, the rate, and the postings written.</summary>
internal sealed class InMemoryPayoutStore : IPayoutStore
{
    private readonly List<Payout> _payouts = [];
    private readonly Dictionary<string, long> _keys = [];

    public Dictionary<(long User, Currency Currency), PayoutBalance> Balances { get; } = [];

    public decimal? Rate { get; set; }

    public List<LedgerPosting> Postings { get; } = [];

    public Task SetRateAsync(long adminId, decimal rate, CancellationToken cancellationToken)
    {
        Rate = rate;
        return Task.CompletedTask;
    }

    public Task<decimal?> GetRateAsync(CancellationToken cancellationToken) => Task.FromResult(Rate);

    public Task<PayoutBalance> GetBalanceAsync(long userId, Currency currency, CancellationToken cancellationToken) =>
        Task.FromResult(Balances.GetValueOrDefault((userId, currency), new PayoutBalance(0m, 0m)));

    public Task<Payout?> CreateAsync(NewPayout payout, CancellationToken cancellationToken)
    {
        if (_keys.TryGetValue(payout.Key.Value, out var id))
        {
            return Task.FromResult<Payout?>(_payouts[(int)id - 1]);
        }

        var created = new Payout(_payouts.Count + 1, payout.UserId, payout.Amount, payout.Address, PayoutStatus.Requested,
            payout.SourceCurrency, payout.SourceAmount, payout.Rate, null, null, null, null);
        _payouts.Add(created);
        _keys[payout.Key.Value] = created.Id;
        Postings.Add(payout.Posting);
        return Task.FromResult<Payout?>(created);
    }

    public Task<Payout?> FindAsync(long payoutId, CancellationToken cancellationToken) =>
        Task.FromResult(_payouts.FirstOrDefault(p => p.Id == payoutId));

    public Task<Payout?> FindByKeyAsync(IdempotencyKey key, CancellationToken cancellationToken) =>
        Task.FromResult(_keys.TryGetValue(key.Value, out var id) ? _payouts[(int)id - 1] : null);

    public Task<bool> ApproveAsync(long payoutId, long adminId, CancellationToken cancellationToken) => Move(payoutId, PayoutStatus.Approved);

    public Task<bool> RejectAsync(long payoutId, long adminId, string reason, CancellationToken cancellationToken) => Move(payoutId, PayoutStatus.Rejected);

    public Task<IReadOnlyList<Payout>> ListAsync(PayoutStatus status, int limit, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<Payout>>([.. _payouts.Where(p => p.Status == status).Take(limit)]);

    public Task<IReadOnlyList<Payout>> ListPageAsync(long? userId, PayoutStatus? status, long afterId, int limit, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<Payout>>(
            [.. _payouts.Where(p => p.Id > afterId && (userId is null || p.UserId == userId) && (status is null || p.Status == status)).Take(limit)]);

    public Task<Payout?> SignAsync(long payoutId, string hotWallet, long chainNonce, Func<long, SignedChainTransaction> sign, CancellationToken cancellationToken) =>
        throw new NotSupportedException();

    public Task MarkSentAsync(long payoutId, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<bool> ConfirmAsync(long payoutId, long blockNumber, LedgerPosting posting, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<bool> FailAsync(long payoutId, long blockNumber, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<IReadOnlyList<SweepCandidate>> ListSweepsAsync(int limit, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<SignedChainTransaction?> FundGasAsync(
        long dealId, decimal amount, string hotWallet, long chainNonce, Func<long, SignedChainTransaction> sign, CancellationToken cancellationToken) =>
        throw new NotSupportedException();

    public Task<bool> RecordSweepAsync(long dealId, decimal amount, SignedChainTransaction transaction, CancellationToken cancellationToken) =>
        throw new NotSupportedException();

    public Task FinishSweepAsync(long dealId, CancellationToken cancellationToken) => throw new NotSupportedException();

    private Task<bool> Move(long payoutId, PayoutStatus to)
    {
        var index = _payouts.FindIndex(p => p.Id == payoutId && p.Status == PayoutStatus.Requested);
        if (index < 0)
        {
            return Task.FromResult(false);
        }

        _payouts[index] = _payouts[index] with { Status = to };
        return Task.FromResult(true);
    }
}
