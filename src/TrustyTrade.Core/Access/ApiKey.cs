namespace TrustyTrade.Core.Access;

/// <summary>An integration's API key as stored: its scopes and life, never its secret.</summary>
public sealed record ApiKey(
    long Id,
    string Name,
    IReadOnlyList<string> Scopes,
    long CreatedBy,
    DateTimeOffset CreatedAt,
    DateTimeOffset? RevokedAt,
    DateTimeOffset? LastUsedAt);
