namespace TrustyTrade.Core.Access;

/// <summary>Tokens, or why there are none.</summary>
public sealed record SessionResult(TokenPair? Tokens, SessionRefusal? Refusal)
{
    public static SessionResult Issued(TokenPair tokens) => new(tokens, null);

    public static SessionResult Refused(SessionRefusal refusal) => new(null, refusal);
}
