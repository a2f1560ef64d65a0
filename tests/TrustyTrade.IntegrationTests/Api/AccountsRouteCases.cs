using TrustyTrade.Core.Access;

namespace TrustyTrade.IntegrationTests.Api;

/// <summary>Matrix rows for the listings (<c>/api/accounts</c>).</summary>
internal static class AccountsRouteCases
{
    public static IEnumerable<RouteCase> All { get; } =
    [
        new("ListAccounts", "GET", null, _ => Path("/api/accounts?limit=5"), 200, 200, 200, 200, 200, 200),

        // A draft is its seller's, admins' and listing readers' to see; everyone else is told it does not exist.
        new("GetAccount", "GET", ApiScopes.AccountsRead, async w => new($"/api/accounts/{await DraftAsync(w)}"), 404, 200, 404, 200, 200, 404),
        new("CreateAccount", "POST", null, _ => Task.FromResult(new RouteRequest("/api/accounts", NewAccount)), 401, 201, 201, RouteCase.Keys, RouteCase.Keys),
        new("ChangeAccountPrice", "PATCH", null, ChangePriceAsync, 401, 200, 403, 403, RouteCase.Keys),
        new("SubmitAccount", "POST", null, async w => new($"/api/accounts/{await DraftAsync(w)}/submit"), 401, 200, 403, 403, RouteCase.Keys),
        new("RemoveAccount", "DELETE", null, async w => new($"/api/accounts/{await DraftAsync(w)}"), 401, 204, 403, 204, RouteCase.Keys),
        new("ApproveAccount", "POST", ApiScopes.AccountsWrite, async w => new($"/api/accounts/{await PendingAsync(w)}/approve"), 401, 403, 403, 200, 200),
        new("RejectAccount", "POST", ApiScopes.AccountsWrite, async w => new($"/api/accounts/{await PendingAsync(w)}/reject", new { reason = "the screenshots are missing" }), 401, 403, 403, 200, 200),
    ];

    public static object NewAccount { get; } = new
    {
        game = "Dota 2",
        title = "Immortal account",
        description = "Rank 8000, all heroes",
        price = new { amount = "100", currency = "XTR" },
    };

    private static Task<RouteRequest> Path(string path) => Task.FromResult(new RouteRequest(path));

    private static Task<long> DraftAsync(MatrixWorld world) => world.Host.ListingAsync(world.OwnerId, "draft");

    private static Task<long> PendingAsync(MatrixWorld world) => world.Host.ListingAsync(world.OwnerId, "pending_moderation");

    private static async Task<RouteRequest> ChangePriceAsync(MatrixWorld world)
    {
        var id = await DraftAsync(world);
        var etag = (await world.Host.GetAsync($"/api/accounts/{id}", world.Owner)).Headers.ETag.ToString();
        return new RouteRequest(
            $"/api/accounts/{id}", new { price = new { amount = "150", currency = "XTR" } }, new Dictionary<string, string> { ["If-Match"] = etag });
    }
}
