using TrustyTrade.Core.Deals;
using TrustyTrade.Core.Deals.Disputes;
using TrustyTrade.Core.Ledger;

namespace TrustyTrade.Core.Tests.Deals;

/// <summary>An <see cref="IDealReader"/> over fixed deals and ledger entries, recording the filter it was asked with.</summary>
internal sealed class FakeDealReader(IReadOnlyList<Deal> deals, IReadOnlyList<DealLedgerEntry>? entries = null) : IDealReader
{
    public DealFilter? LastFilter { get; private set; }

    public Task<DealSummary?> FindAsync(long dealId, CancellationToken cancellationToken) =>
        Task.FromResult(deals.Where(d => d.Id == dealId).Select(d => new DealSummary(d, "title", HasCredentials: false)).FirstOrDefault());

    public Task<IReadOnlyList<DealSummary>> ListForUserAsync(long userId, int limit, CancellationToken cancellationToken) =>
        throw new NotSupportedException();

    public Task<IReadOnlyList<DealSummary>> ListAsync(DealFilter filter, long? beforeId, int limit, CancellationToken cancellationToken)
    {
        LastFilter = filter;
        return Task.FromResult<IReadOnlyList<DealSummary>>([]);
    }

    public Task<IReadOnlyList<DealEvent>> ListEventsAsync(long dealId, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<DealEvent>>([]);

    public Task<IReadOnlyList<DealLedgerEntry>> ListLedgerEntriesAsync(long dealId, CancellationToken cancellationToken) =>
        Task.FromResult(entries ?? []);

    public Task<IReadOnlyList<Dispute>> ListDisputesAsync(DisputeStatus status, long? cursor, int limit, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<Dispute>>([]);

    public Task<Dispute?> FindDisputeAsync(long dealId, CancellationToken cancellationToken) => Task.FromResult<Dispute?>(null);

    public Task<int> CountSalesAsync(long sellerId, CancellationToken cancellationToken) => throw new NotSupportedException();
}
