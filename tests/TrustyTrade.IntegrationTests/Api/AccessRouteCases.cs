using System.Globalization;
using TrustyTrade.Core.Access;
using TrustyTrade.Core.Users;

namespace TrustyTrade.IntegrationTests.Api;

/// <summary>Matrix rows for sessions, users, API keys and the audit log.</summary>
internal static class AccessRouteCases
{
    public static IEnumerable<RouteCase> All { get; } =
    [
        new("GetMe", "GET", null, _ => Path("/api/me"), 401, 200, 200, 200, RouteCase.Keys, RouteCase.Keys),
        new("ListUsers", "GET", ApiScopes.UsersRead, _ => Path("/api/users?limit=5"), 401, 403, 403, 200, 200),
        new("GetUser", "GET", ApiScopes.UsersRead, w => Path($"/api/users/{w.OwnerId}"), 401, 200, 403, 200, 200),
        new("BanUser", "POST", null, async w => new($"/api/users/{await NewUserIdAsync(w)}/ban"), 401, 403, 403, 200, RouteCase.Keys),
        new("UnbanUser", "POST", null, async w => new($"/api/users/{await NewUserIdAsync(w)}/unban"), 401, 403, 403, 200, RouteCase.Keys),
        new("SetUserRole", "PUT", null, SetRoleAsync, 401, 403, 403, 200, RouteCase.Keys),
        new("RefreshSession", "POST", null, async w => new("/api/auth/refresh", new { refreshToken = await RefreshTokenAsync(w) }), 200, 200, 200, 200, 200, 200),
        new("SignOut", "POST", null, async w => new("/api/auth/signout", new { refreshToken = await RefreshTokenAsync(w) }), 204, 204, 204, 204, 204, 204),
        // Signing in is open to all; these rows send data that does not verify, so everyone gets the same refusal.
        new("SignInWithTelegram", "POST", null, _ => Task.FromResult(new RouteRequest("/api/auth/telegram", new { initData = "user=%7B%7D&auth_date=1&hash=00" })), 401, 401, 401, 401, 401, 401),
        new("SignInAdmin", "POST", null, _ => Task.FromResult(new RouteRequest("/api/auth/admin", new { login = "nobody-" + Guid.NewGuid().ToString("N")[..8], password = "not the password", code = "000000" })), 401, 401, 401, 401, 401, 401),
        new("ListApiKeys", "GET", null, _ => Path("/api/keys"), 401, 403, 403, 200, RouteCase.Keys),
        new("CreateApiKey", "POST", null, _ => Task.FromResult(new RouteRequest("/api/keys", new { name = "partner", scopes = new[] { ApiScopes.DealsRead } })),
            401, 403, 403, 201, RouteCase.Keys),
        new("RevokeApiKey", "POST", null, async w => new($"/api/keys/{(await w.Host.Get<ApiKeyService>().CreateAsync(w.AdminId, "old", [ApiScopes.DealsRead], CancellationToken.None)).Key.Id}/revoke"),
            401, 403, 403, 200, RouteCase.Keys),
        new("ListAudit", "GET", null, _ => Path("/api/audit?targetType=user"), 401, 403, 403, 200, RouteCase.Keys),
    ];

    private static Task<RouteRequest> Path(string path) => Task.FromResult(new RouteRequest(path));

    private static async Task<long> NewUserIdAsync(MatrixWorld world) => (await world.Host.UserAsync()).UserId!.Value;

    private static async Task<string> RefreshTokenAsync(MatrixWorld world) =>
        (await world.Host.Get<SessionService>().SignInWithTelegramAsync(
            new TelegramProfile(900_000_000 + Random.Shared.Next(1_000_000), null, "en"), CancellationToken.None)).Tokens!.RefreshToken;

    private static async Task<RouteRequest> SetRoleAsync(MatrixWorld world)
    {
        var id = await NewUserIdAsync(world);
        var etag = (await world.Host.GetAsync($"/api/users/{id}", world.Admin)).Headers.ETag.ToString();
        return new RouteRequest(
            $"/api/users/{id.ToString(CultureInfo.InvariantCulture)}/role", new { role = "admin" }, new Dictionary<string, string> { ["If-Match"] = etag });
    }
}
