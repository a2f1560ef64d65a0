namespace TrustyTrade.Core.Access;

/// <summary>A key with the SHA-256 of its secret, for checking a presented key.</summary>
public sealed record StoredApiKey(ApiKey Key, IReadOnlyList<byte> SecretHash);
