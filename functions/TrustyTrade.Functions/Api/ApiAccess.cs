using TrustyTrade.Core.Access;

namespace TrustyTrade.Functions.Api;

/// <summary>
/// Who may call a route: anyone, users (for their own things; the handler checks ownership), admins, and API keys
/// holding <see cref="Scope"/>. <see cref="MovesMoney"/> routes require an Idempotency-Key header.
/// </summary>
public sealed record ApiAccess(bool Anonymous, bool Users, bool Admins, string? Scope, bool MovesMoney = false, bool Authenticates = true)
{
    /// <summary>Anyone; credentials sent along are still checked (a stale token gets 401, so the client refreshes).</summary>
    public static ApiAccess Public { get; } = new(Anonymous: true, Users: true, Admins: true, Scope: null);

    /// <summary>
    /// Signing in, refreshing and the documentation: credentials sent along are not looked at, so a client whose
    /// access token just expired can still refresh it.
    /// </summary>
    public static ApiAccess Open { get; } = Public with { Authenticates = false };

    /// <summary>Admins, and keys with <paramref name="scope"/> when one is given.</summary>
    public static ApiAccess AdminsOnly(string? scope = null) => new(Anonymous: false, Users: false, Admins: true, Scope: scope);

    /// <summary>Signed-in users and admins, and keys with <paramref name="scope"/> when one is given.</summary>
    public static ApiAccess SignedIn(string? scope = null) => new(Anonymous: false, Users: true, Admins: true, Scope: scope);

    /// <summary>Only a signed-in user acting for themself (a seller, a buyer).</summary>
    public static ApiAccess UsersOnly { get; } = new(Anonymous: false, Users: true, Admins: false, Scope: null);

    public ApiAccess WithMoney() => this with { MovesMoney = true };

    public bool Admits(ApiCaller caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return Anonymous || caller.Kind switch
        {
            CallerKind.User => Users,
            CallerKind.Admin => Admins,
            CallerKind.ApiKey => Scope is not null && caller.Scopes.Contains(Scope),
            _ => false,
        };
    }
}
