using Dapper;
using Npgsql;
using TrustyTrade.Core.Access;
using TrustyTrade.Infrastructure.Persistence;

namespace TrustyTrade.Infrastructure.Access;

internal sealed class PostgresApiKeyStore : IApiKeyStore
{
    private const string Columns = "id, name, scopes, created_by, created_at, revoked_at, last_used_at";

    private readonly NpgsqlDataSource _dataSource;

    public PostgresApiKeyStore(NpgsqlDataSource dataSource)
    {
        DapperSetup.Ensure();
        _dataSource = dataSource;
    }

    public async Task<ApiKey> InsertAsync(
        string name, IReadOnlyList<byte> secretHash, IReadOnlyList<string> scopes, long createdBy, CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var row = await connection.QuerySingleAsync<Row>(new CommandDefinition(
            $"""
            INSERT INTO api_keys (name, secret_hash, scopes, created_by) VALUES (@name, @hash, @scopes, @createdBy)
            RETURNING {Columns}
            """,
            new { name, hash = secretHash.ToArray(), scopes = scopes.ToArray(), createdBy }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return row.ToKey();
    }

    public async Task<StoredApiKey?> FindAsync(long id, CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var row = await connection.QuerySingleOrDefaultAsync<HashedRow>(new CommandDefinition(
            $"SELECT {Columns}, secret_hash FROM api_keys WHERE id = @id",
            new { id }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return row is null
            ? null
            : new StoredApiKey(row.ToKey(), row.SecretHash);
    }

    public async Task<IReadOnlyList<ApiKey>> ListAsync(long? beforeId, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(
            $"SELECT {Columns} FROM api_keys WHERE @beforeId::bigint IS NULL OR id < @beforeId ORDER BY id DESC LIMIT @limit",
            new { beforeId, limit }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows.Select(r => r.ToKey()).ToList();
    }

    public async Task<bool> RevokeAsync(long id, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE api_keys SET revoked_at = @now WHERE id = @id AND revoked_at IS NULL",
            new { id, now }, cancellationToken: cancellationToken)).ConfigureAwait(false) == 1;
    }

    public async Task TouchAsync(long id, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE api_keys SET last_used_at = @now
            WHERE id = @id AND (last_used_at IS NULL OR last_used_at < @now - interval '1 minute')
            """,
            new { id, now }, cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    /// <summary>A row as Dapper fills it (settable: Dapper's constructor matching does not take text[] as string[]).</summary>
    private class Row
    {
        public long Id { get; init; }

        public string Name { get; init; } = string.Empty;

        public string[] Scopes { get; init; } = [];

        public long CreatedBy { get; init; }

        public DateTime CreatedAt { get; init; }

        public DateTime? RevokedAt { get; init; }

        public DateTime? LastUsedAt { get; init; }

        public ApiKey ToKey() => new(Id, Name, Scopes, CreatedBy, Utc(CreatedAt), RevokedAt is { } r ? Utc(r) : null, LastUsedAt is { } u ? Utc(u) : null);

        private static DateTimeOffset Utc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));
    }

    private sealed class HashedRow : Row
    {
        public byte[] SecretHash { get; init; } = [];
    }
}
