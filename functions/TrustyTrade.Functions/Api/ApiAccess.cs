using TrustyTrade.Core.Access;

namespace TrustyTrade.Functions.Api;

/// <summary>
/// Who may call a route: anyone, users (for their own things; the handler checks ownership), admins, and API keys
/// holding <see cref="Scope"/>. <see cref="MovesMoney"/> routes require an Idempotency-Key header.
/// </summary>
public sealed record ApiAccess(bool Anonymous, bool Users, bool Admins, string? Scope, bool MovesMoney = false)
{
    public static ApiAccess Public { get; } = new(Anonymous: true, Users: true, Admins: true, Scope: null);

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
