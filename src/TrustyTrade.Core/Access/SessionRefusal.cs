namespace TrustyTrade.Core.Access;

/// <summary>Why no tokens were issued: stable codes the API turns into problem types.</summary>
public enum SessionRefusal
{
    InvalidToken,
    UserBanned,
    NotAdmin,
}
