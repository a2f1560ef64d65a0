using Npgsql;
using NpgsqlTypes;
using TrustyTrade.Core.IntegrationEvents;

namespace TrustyTrade.Infrastructure.IntegrationEvents;

/// <summary>A transaction holding the claimed rows' locks; marking them commits it, disposing unmarked rolls it back.</summary>
internal sealed class PostgresIntegrationEventClaim(
    NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<IntegrationEvent> events) : IIntegrationEventClaim
{
    private const string PublishedSql = "UPDATE integration_events SET published_at = $1 WHERE id = ANY($2)";

    /// <summary>The delay doubles per attempt; the exponent is capped so the interval can't overflow.</summary>
    private const string FailedSql = """
        UPDATE integration_events
        SET attempts = attempts + 1, last_error = $1,
            next_attempt_at = $2 + least($3 * power(2, least(attempts, 30)), $4)
        WHERE id = ANY($5)
        """;

    public IReadOnlyList<IntegrationEvent> Events { get; } = events;

    public Task MarkPublishedAsync(DateTimeOffset publishedAt, CancellationToken cancellationToken) => UpdateAndCommitAsync(
        PublishedSql,
        [PostgresIntegrationEventOutbox.Typed(NpgsqlDbType.TimestampTz, publishedAt.ToUniversalTime()), Ids()],
        cancellationToken);

    public Task MarkFailedAsync(string failure, DateTimeOffset failedAt, TimeSpan firstDelay, TimeSpan maxDelay, CancellationToken cancellationToken) =>
        UpdateAndCommitAsync(
            FailedSql,
            [
                PostgresIntegrationEventOutbox.Typed(NpgsqlDbType.Text, failure),
                PostgresIntegrationEventOutbox.Typed(NpgsqlDbType.TimestampTz, failedAt.ToUniversalTime()),
                PostgresIntegrationEventOutbox.Typed(NpgsqlDbType.Interval, firstDelay),
                PostgresIntegrationEventOutbox.Typed(NpgsqlDbType.Interval, maxDelay),
                Ids(),
            ],
            cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await transaction.DisposeAsync().ConfigureAwait(false);
        await connection.DisposeAsync().ConfigureAwait(false);
    }

    private NpgsqlParameter Ids() =>
        PostgresIntegrationEventOutbox.Typed(NpgsqlDbType.Array | NpgsqlDbType.Uuid, Events.Select(e => e.Id).ToArray());

    private async Task UpdateAndCommitAsync(string sql, NpgsqlParameter[] parameters, CancellationToken cancellationToken)
    {
        await using (var command = new NpgsqlCommand(sql, connection, transaction))
        {
            command.Parameters.AddRange(parameters);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }
}
