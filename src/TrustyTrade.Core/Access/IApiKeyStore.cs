namespace TrustyTrade.Core.Access;

public interface IApiKeyStore
{
    Task<ApiKey> InsertAsync(string name, IReadOnlyList<byte> secretHash, IReadOnlyList<string> scopes, long createdBy, CancellationToken cancellationToken);

    Task<StoredApiKey?> FindAsync(long id, CancellationToken cancellationToken);

    /// <summary>Keys by id, newest first, below <paramref name="beforeId"/> when given.</summary>
    Task<IReadOnlyList<ApiKey>> ListAsync(long? beforeId, int limit, CancellationToken cancellationToken);

    /// <summary>Revokes a key; false when it is unknown or was revoked before.</summary>
    Task<bool> RevokeAsync(long id, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Notes that the key was used, at most about once a minute per key.</summary>
    Task TouchAsync(long id, DateTimeOffset now, CancellationToken cancellationToken);
}
