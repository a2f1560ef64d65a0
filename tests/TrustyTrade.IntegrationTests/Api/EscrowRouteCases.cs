using TrustyTrade.Core.Access;
using TrustyTrade.Core.Deals;

namespace TrustyTrade.IntegrationTests.Api;

/// <summary>Matrix rows for <c>/api/escrow</c>; the owner is the buyer. Only admins settle disputes, never a key.</summary>
internal static class EscrowRouteCases
{
    public static IEnumerable<RouteCase> All { get; } =
    [
        new("GetEscrow", "GET", ApiScopes.EscrowRead, async w => new($"/api/escrow/{(await w.Host.DealAsync(w.OwnerId, DealStatus.Paid)).Id}"), 401, 200, 403, 200, 200),
        new("ResolveEscrowDispute", "POST", null, ResolveAsync, 401, 403, 403, 200, RouteCase.Keys),
    ];

    private static async Task<RouteRequest> ResolveAsync(MatrixWorld world)
    {
        var deal = await world.Host.DealAsync(world.OwnerId, DealStatus.Disputed);
        return new RouteRequest(
            $"/api/escrow/{deal.Id}/resolve", new { outcome = "refund", reason = "the account was not as described" },
            ApiTestData.Headers(ifMatch: $"\"v{deal.Version}\""));
    }
}
