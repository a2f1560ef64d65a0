using Npgsql;
using TrustyTrade.Core.Deals;
using TrustyTrade.Core.Monetary;
using TrustyTrade.IntegrationTests.Infrastructure;

namespace TrustyTrade.IntegrationTests.Api;

/// <summary>Listings and deals for API tests, put in place through the database and Core (no workflow told).</summary>
internal static class ApiTestData
{
    public static readonly Money Price = new(100m, Currency.XTR);

    public static TestData Data(this ApiTestHost host) => new(host.Get<NpgsqlDataSource>());

    /// <summary>A listing of <paramref name="sellerId"/> in <paramref name="status"/> (stored name).</summary>
    public static Task<long> ListingAsync(this ApiTestHost host, long sellerId, string status = "active") =>
        host.Data().ListingAsync(sellerId, Price, status);

    /// <summary>A deal bought by <paramref name="buyerId"/> from a new seller, driven through Core to <paramref name="target"/>.</summary>
    public static async Task<Deal> DealAsync(this ApiTestHost host, long buyerId, DealStatus target = DealStatus.AwaitingPayment)
    {
        var sellerId = await host.Data().UserAsync();
        var deals = host.Get<DealService>();
        var deal = await TestData.BuyAsync(deals, await host.ListingAsync(sellerId), buyerId);
        return await TestData.DriveAsync(deals, deal, target);
    }

    /// <summary>Headers for a request that moves money and changes a versioned resource.</summary>
    public static Dictionary<string, string> Headers(string? ifMatch = null, string? idempotencyKey = null)
    {
        var headers = new Dictionary<string, string> { ["Idempotency-Key"] = idempotencyKey ?? $"test-{Guid.NewGuid():N}" };
        if (ifMatch is not null)
        {
            headers["If-Match"] = ifMatch;
        }

        return headers;
    }
}
