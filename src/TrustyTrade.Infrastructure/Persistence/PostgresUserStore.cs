using Dapper;
using Npgsql;
using TrustyTrade.Core.Users;

namespace TrustyTrade.Infrastructure.Persistence;

internal sealed class PostgresUserStore : IUserStore
{
    private readonly NpgsqlDataSource _dataSource;

    public PostgresUserStore(NpgsqlDataSource dataSource)
    {
        DapperSetup.Ensure();
        _dataSource = dataSource;
    }

    public Task<User?> FindAsync(long userId, CancellationToken cancellationToken) =>
        FindWhereAsync("id = @value", userId, cancellationToken);

    public Task<User?> FindByTelegramIdAsync(long telegramId, CancellationToken cancellationToken) =>
        FindWhereAsync("telegram_id = @value", telegramId, cancellationToken);

    public async Task<User> UpsertFromTelegramAsync(TelegramProfile profile, string language, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(profile);
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        if (profile.Username is not null)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE users SET username = NULL WHERE lower(username) = lower(@Username) AND telegram_id <> @TelegramId",
                profile, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        }

        var row = await connection.QuerySingleAsync<UserRow>(new CommandDefinition(
            $"""
            INSERT INTO users (telegram_id, username, language) VALUES (@TelegramId, @Username, @language)
            ON CONFLICT (telegram_id) DO UPDATE SET username = EXCLUDED.username
            RETURNING {UserRow.Columns}
            """,
            new { profile.TelegramId, profile.Username, language }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return row.ToUser();
    }

    public Task<bool> SetLanguageAsync(long userId, string language, CancellationToken cancellationToken) =>
        UpdateAsync("UPDATE users SET language = @value WHERE id = @userId", userId, language, cancellationToken);

    public Task<bool> SetBannedAsync(long userId, bool banned, CancellationToken cancellationToken) =>
        UpdateAsync("UPDATE users SET is_banned = @value WHERE id = @userId", userId, banned, cancellationToken);

    public Task<bool> SetRoleAsync(long userId, UserRole role, CancellationToken cancellationToken) =>
        UpdateAsync("UPDATE users SET role = @value WHERE id = @userId", userId, role == UserRole.Admin ? "admin" : "user", cancellationToken);

    public async Task<IReadOnlyList<Recipient>> ListRecipientsAsync(long afterId, int limit, string? language, CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<(long Id, long TelegramId, string Language)>(new CommandDefinition(
            """
            SELECT id, telegram_id, language FROM users
            WHERE id > @afterId AND NOT is_banned AND (@language::text IS NULL OR language = @language)
            ORDER BY id LIMIT @limit
            """,
            new { afterId, limit, language }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return [.. rows.Select(r => new Recipient(r.Id, r.TelegramId, r.Language))];
    }

    public async Task<IReadOnlyList<User>> ListAsync(UserFilter filter, long afterId, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<UserRow>(new CommandDefinition(
            $"""
            SELECT {UserRow.Columns} FROM users
            WHERE id > @afterId
              AND (@role::text IS NULL OR role = @role)
              AND (@banned::boolean IS NULL OR is_banned = @banned)
              AND (@prefix::text IS NULL OR lower(username) LIKE @prefix)
            ORDER BY id LIMIT @limit
            """,
            new
            {
                afterId,
                limit,
                role = filter.Role switch { null => null, UserRole.Admin => "admin", _ => "user" },
                banned = filter.Banned,
                prefix = filter.UsernamePrefix is { } p
                    ? SqlLike.Escape(p.TrimStart('@').ToLowerInvariant()) + "%"
                    : null,
            },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return [.. rows.Select(r => r.ToUser())];
    }

    private async Task<User?> FindWhereAsync(string condition, long value, CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var row = await connection.QuerySingleOrDefaultAsync<UserRow>(new CommandDefinition(
            $"SELECT {UserRow.Columns} FROM users WHERE {condition}", new { value }, cancellationToken: cancellationToken))
            .ConfigureAwait(false);
        return row?.ToUser();
    }

    private async Task<bool> UpdateAsync<T>(string sql, long userId, T value, CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return await connection.ExecuteAsync(new CommandDefinition(sql, new { userId, value }, cancellationToken: cancellationToken))
            .ConfigureAwait(false) == 1;
    }
}
