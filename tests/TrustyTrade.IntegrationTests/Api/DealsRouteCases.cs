using TrustyTrade.Core.Access;
using TrustyTrade.Core.Deals;

namespace TrustyTrade.IntegrationTests.Api;

/// <summary>Matrix rows for <c>/api/deals</c>; the owner is the buyer.</summary>
internal static class DealsRouteCases
{
    public static IEnumerable<RouteCase> All { get; } =
    [
        new("ListDeals", "GET", ApiScopes.DealsRead, _ => Task.FromResult(new RouteRequest("/api/deals?limit=5")), 401, 200, 200, 200, 200),
        new("GetDeal", "GET", ApiScopes.DealsRead, async w => new($"/api/deals/{(await w.Host.DealAsync(w.OwnerId)).Id}"), 401, 200, 403, 200, 200),

        new("ListDisputes", "GET", ApiScopes.DealsRead, _ => Task.FromResult(new RouteRequest("/api/disputes?limit=5")), 401, 403, 403, 200, 200),
        new("GetStats", "GET", ApiScopes.DealsRead, _ => Task.FromResult(new RouteRequest("/api/stats?days=7")), 401, 403, 403, 200, 200),

        // The chat is evidence for the parties and the admin who decides; no key reads it.
        new("ListDealMessages", "GET", null, async w => new($"/api/deals/{(await w.Host.DealAsync(w.OwnerId)).Id}/messages"), 401, 200, 403, 200, RouteCase.Keys),

        // The body names the owner as the buyer: the owner buys for themself, a key for them; nobody else may.
        new("CreateDeal", "POST", ApiScopes.DealsWrite, BuyAsync, 401, 201, 403, RouteCase.Keys, 201),

        // A party's own commands: Core refuses a stranger; admins' and keys' tokens are not for them.
        new("CancelDeal", "POST", null, w => ActAsync(w, DealStatus.AwaitingPayment, "cancel"), 401, 200, 403, 403, RouteCase.Keys),
        new("ConfirmDeal", "POST", null, w => ActAsync(w, DealStatus.Delivered, "confirm"), 401, 200, 403, 403, RouteCase.Keys),
        new("DisputeDeal", "POST", null, w => ActAsync(w, DealStatus.Delivered, "dispute", new { reason = "the password does not work" }),
            401, 200, 403, 403, RouteCase.Keys),
    ];

    private static async Task<RouteRequest> ActAsync(MatrixWorld world, DealStatus status, string action, object? body = null) =>
        new($"/api/deals/{(await world.Host.DealAsync(world.OwnerId, status)).Id}/{action}", body, ApiTestData.Headers());

    private static async Task<RouteRequest> BuyAsync(MatrixWorld world)
    {
        var listingId = await world.Host.ListingAsync(await world.Host.Data().UserAsync());
        return new RouteRequest("/api/deals", new { listingId, buyerId = world.OwnerId }, ApiTestData.Headers());
    }
}
