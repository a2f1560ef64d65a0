using TrustyTrade.Core.Users;

namespace TrustyTrade.Core.Access;

/// <summary>What a valid access token says: whose it is and with which role it was issued.</summary>
public sealed record AccessTokenClaims(long UserId, UserRole Role);
