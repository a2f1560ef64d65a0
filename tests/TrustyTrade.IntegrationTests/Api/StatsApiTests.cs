using System.Text.Json;
using TrustyTrade.Core.Deals;
using TrustyTrade.IntegrationTests.Infrastructure;

namespace TrustyTrade.IntegrationTests.Api;

/// <summary><c>GET /api/stats</c>: the dashboard's figures, counted from the real database.</summary>
[Collection(DatabaseCollectionDefinition.Name)]
public sealed class StatsApiTests(DatabaseFixture database) : ApiHostTest(database)
{
    private JsonElement _stats;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        // The database stamps disputes with its own clock: the app's must agree for ages to mean anything.
        Host.Time.SetUtcNow(DateTimeOffset.UtcNow);
        var buyer = (await Host.UserAsync()).UserId!.Value;
        await Host.DealAsync(buyer);
        await Host.DealAsync(buyer, DealStatus.Paid);
        await Host.DealAsync(buyer, DealStatus.Disputed);
        _stats = (await Host.GetAsync("/api/stats?days=7", await Host.AdminAsync())).Json;
    }

    [Fact]
    public void Daily_HasEveryDayOfThePeriodWithTodaysDeals()
    {
        var daily = _stats.GetProperty("daily").EnumerateArray().ToList();

        Assert.Equal(7, daily.Count);
        Assert.Equal([0, 0, 0, 0, 0, 0, 3], daily.Select(d => d.GetProperty("count").GetInt32()));
        Assert.Equal("300", daily[^1].GetProperty("volume")[0].GetProperty("amount").GetString());
    }

    [Fact]
    public void ByStatus_CountsEachState()
    {
        var byStatus = _stats.GetProperty("byStatus").EnumerateArray()
            .ToDictionary(s => s.GetProperty("status").GetString()!, s => s.GetProperty("count").GetInt32());

        Assert.Equal(new Dictionary<string, int> { ["awaitingPayment"] = 1, ["paid"] = 1, ["disputed"] = 1 }, byStatus);
    }

    [Fact]
    public void EscrowHeld_IsThePaidDealsMoneyPerCurrency()
    {
        var held = _stats.GetProperty("escrowHeld").EnumerateArray().Select(m => (m.GetProperty("amount").GetString(), m.GetProperty("currency").GetString()));

        Assert.Equal([("200", "XTR")], held);
    }

    [Fact]
    public void Disputes_ShowTheOpenOneAsUnderADay()
    {
        var disputes = _stats.GetProperty("disputes");

        Assert.Equal((1, 1), (disputes.GetProperty("open").GetInt32(), disputes.GetProperty("underOneDay").GetInt32()));
        Assert.InRange(disputes.GetProperty("oldestHours").GetDouble(), 0, 1);
    }

    [Fact]
    public async Task DaysOutOfRange_Is400()
    {
        var admin = await Host.AdminAsync();

        var none = await Host.GetAsync("/api/stats?days=0", admin);
        var tooMany = await Host.GetAsync("/api/stats?days=367", admin);

        Assert.Equal((400, 400), (none.Status, tooMany.Status));
    }
}
