using Dapper;
using Npgsql;
using TrustyTrade.Core.Telemetry;

namespace TrustyTrade.Infrastructure.IntegrationEvents;

/// <summary>The unpublished events, counted over the outbox's partial index of them.</summary>
internal sealed class PostgresOutboxBacklog(NpgsqlDataSource dataSource) : IOutboxBacklog
{
    public async Task<(long Pending, TimeSpan OldestAge)> MeasureAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var (pending, oldestSeconds) = await connection.QuerySingleAsync<(long, double?)>(new CommandDefinition(
            """
            SELECT count(*), greatest(0, extract(epoch FROM @now - min(occurred_at)))::float8
            FROM integration_events WHERE published_at IS NULL
            """,
            new { now }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return (pending, TimeSpan.FromSeconds(oldestSeconds ?? 0));
    }
}
