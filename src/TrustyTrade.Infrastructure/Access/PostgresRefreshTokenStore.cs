using Dapper;
using Npgsql;
using TrustyTrade.Core.Access;
using TrustyTrade.Core.Users;
using TrustyTrade.Infrastructure.Persistence;

namespace TrustyTrade.Infrastructure.Access;

internal sealed class PostgresRefreshTokenStore : IRefreshTokenStore
{
    private readonly NpgsqlDataSource _dataSource;

    public PostgresRefreshTokenStore(NpgsqlDataSource dataSource)
    {
        DapperSetup.Ensure();
        _dataSource = dataSource;
    }

    public async Task InsertAsync(RefreshTokenRecord token, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(token);
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO refresh_tokens (token_hash, family, user_id, role, issued_at, expires_at)
            VALUES (@Hash, @Family, @UserId, @Role, @IssuedAt, @ExpiresAt)
            """,
            new
            {
                Hash = token.Hash.ToArray(),
                token.Family,
                token.UserId,
                Role = token.Role == UserRole.Admin ? "admin" : "user",
                token.IssuedAt,
                token.ExpiresAt,
            },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    public async Task<RefreshTokenUse> UseAsync(IReadOnlyList<byte> hash, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        // The row lock makes two racing uses of one token take turns: the second sees used_at set.
        var row = await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(
            """
            SELECT token_hash AS Hash, family, user_id, role, issued_at, expires_at, used_at, revoked_at
            FROM refresh_tokens WHERE token_hash = @hash FOR UPDATE
            """,
            new { hash = hash.ToArray() }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        if (row is null)
        {
            return new RefreshTokenUse(RefreshTokenState.Unknown, null);
        }

        var token = row.ToRecord();
        RefreshTokenState state;
        if (row.RevokedAt is not null)
        {
            state = RefreshTokenState.Revoked;
        }
        else if (row.UsedAt is not null)
        {
            await RevokeFamilyAsync(connection, transaction, row.Family, now, cancellationToken).ConfigureAwait(false);
            state = RefreshTokenState.Reused;
        }
        else if (token.ExpiresAt <= now)
        {
            state = RefreshTokenState.Expired;
        }
        else
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE refresh_tokens SET used_at = @now WHERE token_hash = @hash",
                new { hash = hash.ToArray(), now }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
            state = RefreshTokenState.Accepted;
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return new RefreshTokenUse(state, token);
    }

    public async Task<bool> RevokeFamilyAsync(IReadOnlyList<byte> hash, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var family = await connection.QuerySingleOrDefaultAsync<Guid?>(new CommandDefinition(
            "SELECT family FROM refresh_tokens WHERE token_hash = @hash",
            new { hash = hash.ToArray() }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        if (family is null)
        {
            return false;
        }

        await RevokeFamilyAsync(connection, null, family.Value, now, cancellationToken).ConfigureAwait(false);
        return true;
    }

    public async Task RevokeUserAsync(long userId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE refresh_tokens SET revoked_at = @now WHERE user_id = @userId AND revoked_at IS NULL",
            new { userId, now }, cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    public async Task<int> DeleteExpiredAsync(DateTimeOffset cutoff, int batchSize, CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return await connection.ExecuteAsync(new CommandDefinition(
            """
            DELETE FROM refresh_tokens WHERE token_hash IN (
                SELECT token_hash FROM refresh_tokens WHERE expires_at < @cutoff ORDER BY expires_at LIMIT @batchSize)
            """,
            new { cutoff, batchSize }, cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    private static Task<int> RevokeFamilyAsync(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, Guid family, DateTimeOffset now, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(
            "UPDATE refresh_tokens SET revoked_at = @now WHERE family = @family AND revoked_at IS NULL",
            new { family, now }, transaction, cancellationToken: cancellationToken));

    private sealed record Row(
        byte[] Hash, Guid Family, long UserId, string Role, DateTime IssuedAt, DateTime ExpiresAt, DateTime? UsedAt, DateTime? RevokedAt)
    {
        public RefreshTokenRecord ToRecord() => new(
            Hash, Family, UserId, Role == "admin" ? UserRole.Admin : UserRole.User, Utc(IssuedAt), Utc(ExpiresAt));

        private static DateTimeOffset Utc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));
    }
}
