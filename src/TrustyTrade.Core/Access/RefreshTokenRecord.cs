using TrustyTrade.Core.Users;

namespace TrustyTrade.Core.Access;

/// <summary>A stored refresh token: only its SHA-256, the sign-in (family) it belongs to, and its lifetime.</summary>
public sealed record RefreshTokenRecord(
    IReadOnlyList<byte> Hash,
    Guid Family,
    long UserId,
    UserRole Role,
    DateTimeOffset IssuedAt,
    DateTimeOffset ExpiresAt);
