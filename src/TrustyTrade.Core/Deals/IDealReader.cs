namespace TrustyTrade.Core.Deals;

/// <summary>Reads deals for people to look at (the bot's "my deals", a seller's record); never used to decide a transition.</summary>
public interface IDealReader
{
    Task<DealSummary?> FindAsync(long dealId, CancellationToken cancellationToken);

    /// <summary>The user's most recent deals as buyer or seller, newest first.</summary>
    Task<IReadOnlyList<DealSummary>> ListForUserAsync(long userId, int limit, CancellationToken cancellationToken);

    /// <summary>Up to <paramref name="limit"/> deals matching <paramref name="filter"/> with ids below <paramref name="beforeId"/>, newest first.</summary>
    Task<IReadOnlyList<DealSummary>> ListAsync(DealFilter filter, long? beforeId, int limit, CancellationToken cancellationToken);

    /// <summary>The deal's event history, oldest first.</summary>
    Task<IReadOnlyList<DealEvent>> ListEventsAsync(long dealId, CancellationToken cancellationToken);

    /// <summary>The entries of the deal's ledger postings, oldest first.</summary>
    Task<IReadOnlyList<Ledger.DealLedgerEntry>> ListLedgerEntriesAsync(long dealId, CancellationToken cancellationToken);

    /// <summary>
    /// Up to <paramref name="limit"/> disputes in <paramref name="status"/> past the cursor: open ones oldest first (the
    /// queue; ids above <paramref name="cursor"/>), resolved ones newest first (ids below it). Without evidence.
    /// </summary>
    Task<IReadOnlyList<Disputes.Dispute>> ListDisputesAsync(Disputes.DisputeStatus status, long? cursor, int limit, CancellationToken cancellationToken);

    /// <summary>The deal's dispute with its evidence, or null when the deal was never disputed.</summary>
    Task<Disputes.Dispute?> FindDisputeAsync(long dealId, CancellationToken cancellationToken);

    /// <summary>How many deals the user completed as the seller (the buyer got the account and kept it).</summary>
    Task<int> CountSalesAsync(long sellerId, CancellationToken cancellationToken);
}
