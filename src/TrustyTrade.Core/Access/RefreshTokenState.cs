namespace TrustyTrade.Core.Access;

public enum RefreshTokenState
{
    /// <summary>Now used: it can't be used again.</summary>
    Accepted,
    Unknown,
    Expired,
    Revoked,

    /// <summary>Used before: someone holds a copy, so its family was revoked.</summary>
    Reused,
}
