namespace TrustyTrade.Core.Deals.Stats;

/// <summary>The dashboard's figures, with every day of the period present (a day without deals counts zero).</summary>
public sealed class DealStatsService(IDealStatsReader reader, TimeProvider time)
{
    public const int MaxDays = 366;

    public async Task<DealStats> GetAsync(int days, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(days, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(days, MaxDays);
        var now = time.GetUtcNow();
        var first = DateOnly.FromDateTime(now.UtcDateTime).AddDays(1 - days);
        var since = new DateTimeOffset(first.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var daily = (await reader.ListDailyAsync(since, cancellationToken).ConfigureAwait(false)).ToDictionary(d => d.Day);
        return new DealStats(
            now,
            [.. Enumerable.Range(0, days).Select(i => first.AddDays(i)).Select(day => daily.GetValueOrDefault(day) ?? new DailyDeals(day, 0, []))],
            await reader.CountByStatusAsync(cancellationToken).ConfigureAwait(false),
            await reader.SumHeldAsync(cancellationToken).ConfigureAwait(false),
            await reader.GetDisputeBacklogAsync(now, cancellationToken).ConfigureAwait(false));
    }
}
