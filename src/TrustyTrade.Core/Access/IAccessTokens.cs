using TrustyTrade.Core.Users;

namespace TrustyTrade.Core.Access;

/// <summary>Issues and checks the API's access tokens (JWT in Infrastructure).</summary>
public interface IAccessTokens
{
    AccessToken Issue(long userId, UserRole role);

    /// <summary>The token's claims, or null for any token that is not exactly one this app issued and still valid.</summary>
    Task<AccessTokenClaims?> ValidateAsync(string token);
}
