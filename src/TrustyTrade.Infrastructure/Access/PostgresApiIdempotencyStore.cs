using Dapper;
using Npgsql;
using TrustyTrade.Core.Access;
using TrustyTrade.Infrastructure.Persistence;

namespace TrustyTrade.Infrastructure.Access;

internal sealed class PostgresApiIdempotencyStore : IApiIdempotencyStore
{
    private readonly NpgsqlDataSource _dataSource;

    public PostgresApiIdempotencyStore(NpgsqlDataSource dataSource)
    {
        DapperSetup.Ensure();
        _dataSource = dataSource;
    }

    public async Task<IdempotentStart> BeginAsync(
        string caller, string key, IReadOnlyList<byte> requestHash, TimeSpan keepFor, CancellationToken cancellationToken)
    {
        var hash = requestHash.ToArray();
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        // A key older than keepFor is forgotten: the row is taken over by this request.
        var claimed = await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO api_idempotency (caller, key, request_hash) VALUES (@caller, @key, @hash)
            ON CONFLICT (caller, key) DO UPDATE
                SET request_hash = EXCLUDED.request_hash, status = NULL, body = NULL, created_at = now()
                WHERE api_idempotency.created_at < now() - @keepFor
            """,
            new { caller, key, hash, keepFor }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        if (claimed == 1)
        {
            return new IdempotentStart(IdempotentState.Started);
        }

        var row = await connection.QuerySingleOrDefaultAsync<(byte[] RequestHash, int? Status, string? Body)>(new CommandDefinition(
            "SELECT request_hash, status, body FROM api_idempotency WHERE caller = @caller AND key = @key",
            new { caller, key }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return row.RequestHash is null ? new IdempotentStart(IdempotentState.InProgress)
            : !row.RequestHash.AsSpan().SequenceEqual(hash) ? new IdempotentStart(IdempotentState.Mismatch)
            : row.Status is null ? new IdempotentStart(IdempotentState.InProgress)
            : new IdempotentStart(IdempotentState.Completed, row.Status, row.Body);
    }

    public async Task CompleteAsync(string caller, string key, int status, string body, CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE api_idempotency SET status = @status, body = @body WHERE caller = @caller AND key = @key",
            new { caller, key, status, body }, cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    public async Task<int> DeleteOlderThanAsync(DateTimeOffset cutoff, int batchSize, CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return await connection.ExecuteAsync(new CommandDefinition(
            """
            DELETE FROM api_idempotency WHERE (caller, key) IN (
                SELECT caller, key FROM api_idempotency WHERE created_at < @cutoff ORDER BY created_at LIMIT @batchSize)
            """,
            new { cutoff, batchSize }, cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    public async Task AbandonAsync(string caller, string key, CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM api_idempotency WHERE caller = @caller AND key = @key AND status IS NULL",
            new { caller, key }, cancellationToken: cancellationToken)).ConfigureAwait(false);
    }
}
