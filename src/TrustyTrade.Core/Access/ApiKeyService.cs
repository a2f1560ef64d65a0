using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;

namespace TrustyTrade.Core.Access;

/// <summary>
/// Integration keys: <c>tt_{id}_{secret}</c>. The id finds the row; only a SHA-256 of the 256-bit random secret is
/// kept, compared in constant time. Admins make and revoke keys; a key has only the scopes it was given.
/// </summary>
public sealed partial class ApiKeyService(IApiKeyStore keys, TimeProvider time, ILogger<ApiKeyService> logger)
{
    public const int MaxNameLength = 100;
    private const string Prefix = "tt_";

    public async Task<CreatedApiKey> CreateAsync(long adminId, string name, IReadOnlyList<string> scopes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scopes);
        var secret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var key = await keys.InsertAsync(name.Trim(), Hash(secret), scopes.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray(), adminId, cancellationToken)
            .ConfigureAwait(false);
        LogCreated(key.Id, adminId);
        return new CreatedApiKey(key, $"{Prefix}{key.Id.ToString(CultureInfo.InvariantCulture)}_{secret}");
    }

    /// <summary>What is wrong with a new key's name and scopes, or null.</summary>
    public static string? Problem(string? name, IReadOnlyList<string>? scopes) =>
        string.IsNullOrWhiteSpace(name) || name.Trim().Length > MaxNameLength ? $"name must be 1 to {MaxNameLength} characters"
        : scopes is null || scopes.Count == 0 ? "at least one scope is required"
        : scopes.FirstOrDefault(s => !ApiScopes.IsKnown(s)) is { } unknown ? $"unknown scope '{unknown}'"
        : null;

    /// <summary>The live key a presented value names, or null for anything else (malformed, unknown, wrong secret, revoked).</summary>
    public async Task<ApiKey?> AuthenticateAsync(string presented, CancellationToken cancellationToken)
    {
        if (!TryParse(presented, out var id, out var secret))
        {
            return null;
        }

        var stored = await keys.FindAsync(id, cancellationToken).ConfigureAwait(false);
        if (stored is null || stored.Key.RevokedAt is not null
            || !CryptographicOperations.FixedTimeEquals(stored.SecretHash.ToArray(), Hash(secret)))
        {
            return null;
        }

        await keys.TouchAsync(id, time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        return stored.Key;
    }

    public Task<IReadOnlyList<ApiKey>> ListAsync(long? beforeId, int limit, CancellationToken cancellationToken) =>
        keys.ListAsync(beforeId, limit, cancellationToken);

    public async Task<ApiKey?> FindAsync(long id, CancellationToken cancellationToken) =>
        (await keys.FindAsync(id, cancellationToken).ConfigureAwait(false))?.Key;

    public async Task<bool> RevokeAsync(long adminId, long id, CancellationToken cancellationToken)
    {
        var revoked = await keys.RevokeAsync(id, time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        if (revoked)
        {
            LogRevoked(id, adminId);
        }

        return revoked;
    }

    private static bool TryParse(string? presented, out long id, out string secret)
    {
        id = 0;
        secret = string.Empty;
        if (presented is null || presented.Length > 80 || !presented.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        var separator = presented.IndexOf('_', Prefix.Length);
        if (separator < 0
            || !long.TryParse(presented.AsSpan(Prefix.Length, separator - Prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out id)
            || presented.Length - separator - 1 != 43)
        {
            return false;
        }

        secret = presented[(separator + 1)..];
        return true;
    }

    private static byte[] Hash(string secret) => SHA256.HashData(Encoding.ASCII.GetBytes(secret));

    [LoggerMessage(Level = LogLevel.Information, Message = "API key {KeyId} created by admin {AdminId}")]
    private partial void LogCreated(long keyId, long adminId);

    [LoggerMessage(Level = LogLevel.Information, Message = "API key {KeyId} revoked by admin {AdminId}")]
    private partial void LogRevoked(long keyId, long adminId);
}
