namespace TrustyTrade.Core.Access.Admins;

public enum AdminSignInOutcome
{
    Succeeded,

    /// <summary>Wrong login, password or code, a replayed code, or not an admin (any more): one answer for all, so none is revealed.</summary>
    Invalid,

    /// <summary>Too many failures for the login or the address: refused without looking at the password.</summary>
    LockedOut,
}
