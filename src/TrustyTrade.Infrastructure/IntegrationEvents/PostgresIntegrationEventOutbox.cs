using Npgsql;
using NpgsqlTypes;
using TrustyTrade.Core.IntegrationEvents;

namespace TrustyTrade.Infrastructure.IntegrationEvents;

/// <summary>The <c>integration_events</c> table; the escrow session writes its rows, this reads, marks and deletes them.</summary>
internal sealed class PostgresIntegrationEventOutbox(NpgsqlDataSource dataSource) : IIntegrationEventOutbox
{
    /// <summary>Row locks taken with SKIP LOCKED: a second relay passes over the rows the first holds instead of waiting.</summary>
    private const string ClaimSql = """
        SELECT id, type, deal_id, deal_version, occurred_at, payload::text
        FROM integration_events
        WHERE published_at IS NULL AND next_attempt_at <= $1
        ORDER BY occurred_at, deal_id, deal_version
        LIMIT $2
        FOR UPDATE SKIP LOCKED
        """;

    private const string DeletePublishedSql = """
        DELETE FROM integration_events WHERE id IN (
            SELECT id FROM integration_events WHERE published_at IS NOT NULL AND published_at < $1 LIMIT $2)
        """;

    private const string DeleteOccurredSql = """
        DELETE FROM integration_events WHERE id IN (SELECT id FROM integration_events WHERE occurred_at < $1 LIMIT $2)
        """;

    public async Task<IIntegrationEventClaim> ClaimAsync(int max, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        NpgsqlTransaction? transaction = null;
        try
        {
            transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            var events = new List<IntegrationEvent>();
            await using (var command = new NpgsqlCommand(ClaimSql, connection, transaction)
            {
                Parameters = { Typed(NpgsqlDbType.TimestampTz, now), Typed(NpgsqlDbType.Integer, max) },
            })
            {
                await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    events.Add(new IntegrationEvent(
                        reader.GetGuid(0), reader.GetString(1), reader.GetInt64(2), reader.GetInt32(3),
                        reader.GetFieldValue<DateTimeOffset>(4), reader.GetString(5)));
                }
            }

            return new PostgresIntegrationEventClaim(connection, transaction, events);
        }
        catch
        {
            if (transaction is not null)
            {
                await transaction.DisposeAsync().ConfigureAwait(false);
            }

            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public Task<int> DeletePublishedBeforeAsync(DateTimeOffset before, int max, CancellationToken cancellationToken) =>
        DeleteAsync(DeletePublishedSql, before, max, cancellationToken);

    public Task<int> DeleteOccurredBeforeAsync(DateTimeOffset before, int max, CancellationToken cancellationToken) =>
        DeleteAsync(DeleteOccurredSql, before, max, cancellationToken);

    internal static NpgsqlParameter Typed(NpgsqlDbType type, object? value) => new() { NpgsqlDbType = type, Value = value ?? DBNull.Value };

    private async Task<int> DeleteAsync(string sql, DateTimeOffset before, int max, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(sql);
        command.Parameters.Add(Typed(NpgsqlDbType.TimestampTz, before.ToUniversalTime()));
        command.Parameters.Add(Typed(NpgsqlDbType.Integer, max));
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
