using TrustyTrade.Core.Users;

namespace TrustyTrade.Core.Access;

/// <summary>What a sign-in or a refresh returns: an access token, and the one-use refresh token that gets the next.</summary>
public sealed record TokenPair(
    long UserId,
    UserRole Role,
    string AccessToken,
    DateTimeOffset AccessTokenExpiresAt,
    string RefreshToken,
    DateTimeOffset RefreshTokenExpiresAt)
{
    /// <summary>Tokens are secrets: they never reach a log through ToString.</summary>
    public override string ToString() => $"TokenPair {{ UserId = {UserId}, Role = {Role}, AccessTokenExpiresAt = {AccessTokenExpiresAt:O} }}";
}
