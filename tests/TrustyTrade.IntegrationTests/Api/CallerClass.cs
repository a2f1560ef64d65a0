namespace TrustyTrade.IntegrationTests.Api;

/// <summary>The callers the authorization matrix tries on every route.</summary>
public enum CallerClass
{
    Anonymous,

    /// <summary>The user the resource belongs to (the seller, the buyer, the user themself).</summary>
    Owner,

    /// <summary>Another signed-in user.</summary>
    Stranger,
    Admin,

    /// <summary>An API key holding the route's scope.</summary>
    KeyWithScope,

    /// <summary>An API key holding every scope but the route's.</summary>
    KeyWithoutScope,
}
