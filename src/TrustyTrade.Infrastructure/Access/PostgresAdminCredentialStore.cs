using Dapper;
using Npgsql;
using TrustyTrade.Core.Access.Admins;
using TrustyTrade.Core.Vault;
using TrustyTrade.Infrastructure.Persistence;

namespace TrustyTrade.Infrastructure.Access;

internal sealed class PostgresAdminCredentialStore : IAdminCredentialStore
{
    private const string Columns = "user_id, login, password_hash, totp_secret, totp_key_id";

    private readonly NpgsqlDataSource _dataSource;

    public PostgresAdminCredentialStore(NpgsqlDataSource dataSource)
    {
        DapperSetup.Ensure();
        _dataSource = dataSource;
    }

    public Task<AdminCredentials?> FindByLoginAsync(string login, CancellationToken cancellationToken) =>
        FindWhereAsync("lower(login) = lower(@value)", login, cancellationToken);

    public Task<AdminCredentials?> FindByUserIdAsync(long userId, CancellationToken cancellationToken) =>
        FindWhereAsync("user_id = @value", userId, cancellationToken);

    public async Task<bool> CreateAsync(
        AdminCredentials credentials, IReadOnlyCollection<string> recoveryCodeHashes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        // No conflict target: a clash on the user (primary key) or on the login (unique index) both mean "taken".
        var inserted = await connection.ExecuteAsync(new CommandDefinition(
            $"""
            INSERT INTO admin_credentials ({Columns}) VALUES (@UserId, @Login, @PasswordHash, @ciphertext, @keyId)
            ON CONFLICT DO NOTHING
            """,
            new
            {
                credentials.UserId,
                credentials.Login,
                credentials.PasswordHash,
                ciphertext = credentials.TotpSecret.Ciphertext,
                keyId = credentials.TotpSecret.KeyId,
            },
            transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        if (inserted != 1)
        {
            return false;
        }

        await InsertRecoveryCodesAsync(connection, transaction, credentials.UserId, recoveryCodeHashes, cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE users SET role = 'admin' WHERE id = @UserId", new { credentials.UserId }, transaction, cancellationToken: cancellationToken))
            .ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return true;
    }

    public async Task<bool> ReplaceSecondFactorAsync(
        long userId, EncryptedSecret totpSecret, IReadOnlyCollection<string> recoveryCodeHashes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(totpSecret);
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        // The last step starts over: it guarded the old secret's codes, and the new secret's have never been used.
        var updated = await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE admin_credentials SET totp_secret = @ciphertext, totp_key_id = @keyId, totp_last_step = 0, updated_at = now()
            WHERE user_id = @userId
            """,
            new { userId, ciphertext = totpSecret.Ciphertext, keyId = totpSecret.KeyId }, transaction, cancellationToken: cancellationToken))
            .ConfigureAwait(false);
        if (updated != 1)
        {
            return false;
        }

        await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM admin_recovery_codes WHERE user_id = @userId", new { userId }, transaction, cancellationToken: cancellationToken))
            .ConfigureAwait(false);
        await InsertRecoveryCodesAsync(connection, transaction, userId, recoveryCodeHashes, cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return true;
    }

    public async Task<bool> TryUseTotpStepAsync(long userId, long timeStep, CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE admin_credentials SET totp_last_step = @timeStep WHERE user_id = @userId AND totp_last_step < @timeStep",
            new { userId, timeStep }, cancellationToken: cancellationToken)).ConfigureAwait(false) == 1;
    }

    public async Task<bool> TryUseRecoveryCodeAsync(long userId, string codeHash, CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE admin_recovery_codes SET used_at = now() WHERE user_id = @userId AND code_hash = @codeHash AND used_at IS NULL",
            new { userId, codeHash }, cancellationToken: cancellationToken)).ConfigureAwait(false) == 1;
    }

    private static Task<int> InsertRecoveryCodesAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, long userId, IReadOnlyCollection<string> hashes, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO admin_recovery_codes (user_id, code_hash) SELECT @userId, unnest(@hashes::text[])",
            new { userId, hashes = hashes.ToArray() }, transaction, cancellationToken: cancellationToken));

    private async Task<AdminCredentials?> FindWhereAsync<T>(string condition, T value, CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var row = await connection.QuerySingleOrDefaultAsync<Row>(
            new CommandDefinition($"SELECT {Columns} FROM admin_credentials WHERE {condition}", new { value }, cancellationToken: cancellationToken))
            .ConfigureAwait(false);
        return row is null ? null : new AdminCredentials(row.UserId, row.Login, row.PasswordHash, new EncryptedSecret(row.TotpKeyId, row.TotpSecret));
    }

    private sealed record Row(long UserId, string Login, string PasswordHash, byte[] TotpSecret, string TotpKeyId);
}
