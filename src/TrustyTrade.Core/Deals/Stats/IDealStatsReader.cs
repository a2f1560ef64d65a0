using TrustyTrade.Core.Monetary;

namespace TrustyTrade.Core.Deals.Stats;

/// <summary>Totals over all deals, for the admin dashboard.</summary>
public interface IDealStatsReader
{
    /// <summary>Per UTC day from <paramref name="since"/>: the days with deals only, in order.</summary>
    Task<IReadOnlyList<DailyDeals>> ListDailyAsync(DateTimeOffset since, CancellationToken cancellationToken);

    Task<IReadOnlyList<StatusCount>> CountByStatusAsync(CancellationToken cancellationToken);

    /// <summary>The balance of the escrow and warranty-hold accounts per currency: money held for deals.</summary>
    Task<IReadOnlyList<Money>> SumHeldAsync(CancellationToken cancellationToken);

    Task<DisputeBacklog> GetDisputeBacklogAsync(DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>
    /// Deals still in the state a deadline ends, with that deadline before <paramref name="before"/>, per deadline:
    /// <c>payment</c>, <c>delivery</c>, <c>inspection</c>, <c>warranty</c> (every one present, zero or not).
    /// </summary>
    Task<IReadOnlyDictionary<string, long>> CountPastDeadlineAsync(DateTimeOffset before, CancellationToken cancellationToken);
}
