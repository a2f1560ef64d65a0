namespace TrustyTrade.Core.Users;

/// <summary>The answer to an admin's change to a user.</summary>
public enum UserChange
{
    Done,
    NotAdmin,
    NotFound,
    NotAllowed,
}
