namespace TrustyTrade.Core.Access;

/// <summary>A short-lived bearer token and when it stops working.</summary>
public sealed record AccessToken(string Token, DateTimeOffset ExpiresAt);
