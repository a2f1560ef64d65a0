using Dapper;
using Npgsql;
using TrustyTrade.Core.Deals;
using TrustyTrade.Core.Deals.Stats;
using TrustyTrade.Core.Monetary;

namespace TrustyTrade.Infrastructure.Persistence.Stats;

internal sealed class PostgresDealStatsReader : IDealStatsReader
{
    private readonly NpgsqlDataSource _dataSource;

    public PostgresDealStatsReader(NpgsqlDataSource dataSource)
    {
        DapperSetup.Ensure();
        _dataSource = dataSource;
    }

    public async Task<IReadOnlyList<DailyDeals>> ListDailyAsync(DateTimeOffset since, CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<(DateTime Day, string Currency, int Count, decimal Volume)>(new CommandDefinition(
            """
            SELECT (created_at AT TIME ZONE 'UTC')::date AS day, currency, count(*)::int, sum(amount)
            FROM deals WHERE created_at >= @since
            GROUP BY 1, 2 ORDER BY 1, 2
            """,
            new { since }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return
        [
            .. rows.GroupBy(r => DateOnly.FromDateTime(r.Day)).Select(day => new DailyDeals(
                day.Key, day.Sum(r => r.Count), [.. day.Select(r => new Money(r.Volume, CurrencyExtensions.Parse(r.Currency)))])),
        ];
    }

    public async Task<IReadOnlyList<StatusCount>> CountByStatusAsync(CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<(string Status, int Count)>(new CommandDefinition(
            "SELECT escrow_status, count(*)::int FROM deals GROUP BY 1 ORDER BY 1", cancellationToken: cancellationToken)).ConfigureAwait(false);
        return [.. rows.Select(r => new StatusCount(DealStatusNames.Parse(r.Status), r.Count))];
    }

    public async Task<IReadOnlyList<Money>> SumHeldAsync(CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<(string Currency, decimal Amount)>(new CommandDefinition(
            """
            SELECT currency, sum(amount) FROM ledger_entries
            WHERE account_kind IN ('escrow', 'warranty_hold')
            GROUP BY currency HAVING sum(amount) <> 0 ORDER BY currency
            """,
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return [.. rows.Select(r => new Money(r.Amount, CurrencyExtensions.Parse(r.Currency)))];
    }

    public async Task<DisputeBacklog> GetDisputeBacklogAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var row = await connection.QuerySingleAsync<(int Open, double? OldestHours, int Day, int ThreeDays, int Week, int Older)>(new CommandDefinition(
            """
            SELECT count(*)::int,
                   greatest(0, extract(epoch FROM @now - min(created_at)) / 3600)::float8,
                   (count(*) FILTER (WHERE created_at > @now - interval '1 day'))::int,
                   (count(*) FILTER (WHERE created_at <= @now - interval '1 day' AND created_at > @now - interval '3 days'))::int,
                   (count(*) FILTER (WHERE created_at <= @now - interval '3 days' AND created_at > @now - interval '7 days'))::int,
                   (count(*) FILTER (WHERE created_at <= @now - interval '7 days'))::int
            FROM disputes WHERE status = 'open'
            """,
            new { now }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return new DisputeBacklog(row.Open, row.OldestHours, row.Day, row.ThreeDays, row.Week, row.Older);
    }

    public async Task<IReadOnlyDictionary<string, long>> CountPastDeadlineAsync(DateTimeOffset before, CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        // Only deals in progress, which deals_open_idx holds: the closed majority is never read.
        var row = await connection.QuerySingleAsync<(long Payment, long Delivery, long Inspection, long Warranty)>(new CommandDefinition(
            """
            SELECT count(*) FILTER (WHERE escrow_status = 'awaiting_payment' AND payment_due_at < @before),
                   count(*) FILTER (WHERE escrow_status = 'paid' AND delivery_due_at < @before),
                   count(*) FILTER (WHERE escrow_status = 'delivered' AND inspection_ends_at < @before),
                   count(*) FILTER (WHERE escrow_status = 'completed' AND warranty_ends_at < @before)
            FROM deals WHERE escrow_status IN ('awaiting_payment', 'paid', 'delivered', 'completed', 'disputed')
            """,
            new { before }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return new Dictionary<string, long>(StringComparer.Ordinal)
        {
            ["payment"] = row.Payment,
            ["delivery"] = row.Delivery,
            ["inspection"] = row.Inspection,
            ["warranty"] = row.Warranty,
        };
    }
}
