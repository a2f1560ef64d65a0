namespace TrustyTrade.Core.Access;

/// <summary>The answer to using a refresh token: accepted (with its record) or why not.</summary>
public sealed record RefreshTokenUse(RefreshTokenState State, RefreshTokenRecord? Token);
