using System.Text.Json;
using TrustyTrade.Core.Access;
using TrustyTrade.Core.Monetary;
using TrustyTrade.IntegrationTests.Infrastructure;

namespace TrustyTrade.IntegrationTests.Api;

/// <summary>The payment reads and the payout rate over the real PostgreSQL: who sees which rows, paging, and If-Match on the rate.</summary>
[Collection(DatabaseCollectionDefinition.Name)]
public sealed class PaymentsApiTests(DatabaseFixture database) : IAsyncLifetime
{
    private ApiTestHost _host = null!;
    private PaymentSeeds _seeds = null!;

    public async Task InitializeAsync()
    {
        await database.ResetAsync();
        _host = ApiTestHost.Start();
        _seeds = new PaymentSeeds(_host);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task ListTransactions_AsAUser_ShowsOnlyTheirDeals()
    {
        var buyer = await _host.UserAsync();
        var other = await _host.UserAsync();
        var own = await _seeds.TransactionAsync((await _seeds.DealAsync(buyer.UserId!.Value)).Id);
        await _seeds.TransactionAsync((await _seeds.DealAsync(other.UserId!.Value)).Id);

        var response = await _host.GetAsync("/api/payments/transactions", buyer);

        Assert.Equal([own], Ids(response));
    }

    [Fact]
    public async Task ListTransactions_AsAKey_FiltersByMethodAndStatus()
    {
        var buyer = await _host.UserAsync();
        var deal = await _seeds.DealAsync(buyer.UserId!.Value);
        await _seeds.TransactionAsync(deal.Id, status: "pending");
        var wanted = await _seeds.TransactionAsync(deal.Id, status: "confirmed");
        await _seeds.TransactionAsync(deal.Id, method: "telegram_stars", status: "confirmed");

        var response = await _host.GetAsync(
            $"/api/payments/transactions?dealId={deal.Id}&method=crypto&status=confirmed", await _host.KeyAsync(ApiScopes.PaymentsRead));

        Assert.Equal([wanted], Ids(response));
    }

    [Fact]
    public async Task ListTransactions_PageByPage_EveryRowOnceInOrder()
    {
        var admin = await _host.AdminAsync();
        var deal = await _seeds.DealAsync((await _host.UserAsync()).UserId!.Value);
        var created = new List<long>();
        for (var i = 0; i < 7; i++)
        {
            created.Add(await _seeds.TransactionAsync(deal.Id));
        }

        var seen = await PageThroughAsync(_host, "/api/payments/transactions?limit=3", admin);

        Assert.Equal(created, seen);
    }

    [Fact]
    public async Task ListTransactions_UnknownMethod_IsABadRequest()
    {
        var response = await _host.GetAsync("/api/payments/transactions?method=cash", await _host.AdminAsync());

        Assert.Equal((400, "invalid-request"), (response.Status, response.ProblemType));
    }

    [Fact]
    public async Task GetInvoice_AsTheBuyer_ShowsAddressAmountsAndState()
    {
        var buyer = await _host.UserAsync();
        var deal = await _seeds.DealAsync(buyer.UserId!.Value, price: 25m);
        var invoice = await _seeds.InvoiceAsync(deal.Id);

        var json = (await _host.GetAsync($"/api/payments/invoices/{deal.Id}", buyer)).Json;

        Assert.Equal(
            (invoice.Address, "25.000000", "USDT", "0.000000", "awaitingPayment"),
            (json.GetProperty("address").GetString(), json.GetProperty("price").GetProperty("amount").GetString(),
             json.GetProperty("price").GetProperty("currency").GetString(), json.GetProperty("received").GetProperty("amount").GetString(),
             json.GetProperty("status").GetString()));
    }

    [Fact]
    public async Task GetInvoice_DealWithoutOne_IsNotFound()
    {
        var buyer = await _host.UserAsync();
        var deal = await _seeds.DealAsync(buyer.UserId!.Value);

        var response = await _host.GetAsync($"/api/payments/invoices/{deal.Id}", await _host.AdminAsync());

        Assert.Equal((404, "not-found"), (response.Status, response.ProblemType));
    }

    [Fact]
    public async Task GetBalance_ShowsWhatTheUserMayWithdrawPerCurrency()
    {
        var user = await _host.UserAsync();
        await _seeds.Data.CreditAsync(user.UserId!.Value, "seller_available", new Money(12.5m, Currency.USDT));
        await _seeds.Data.CreditAsync(user.UserId!.Value, "buyer_refunds", new Money(40m, Currency.XTR));

        var balances = (await _host.GetAsync("/api/payments/balance", user)).Json.GetProperty("balances").EnumerateArray()
            .ToDictionary(b => b.GetProperty("currency").GetString()!, b => b.GetProperty("available").GetString());

        Assert.Equal(new Dictionary<string, string?> { ["XTR"] = "40", ["USDT"] = "12.500000" }, balances);
    }

    [Fact]
    public async Task SetPayoutRate_WithoutIfMatch_IsPreconditionRequired()
    {
        var response = await _host.SendAsync("PUT", "/api/payments/rates", new { rate = "0.013" }, await _host.AdminAsync());

        Assert.Equal((428, "precondition-required"), (response.Status, response.ProblemType));
    }

    [Fact]
    public async Task SetPayoutRate_WithAStaleETag_IsPreconditionFailed()
    {
        var admin = await _host.AdminAsync();
        var stale = await RateETagAsync(admin);
        await _host.SendAsync("PUT", "/api/payments/rates", new { rate = "0.013" }, admin, IfMatch(stale));

        var response = await _host.SendAsync("PUT", "/api/payments/rates", new { rate = "0.02" }, admin, IfMatch(stale));

        Assert.Equal((412, "version-mismatch"), (response.Status, response.ProblemType));
    }

    [Fact]
    public async Task SetPayoutRate_WithTheCurrentETag_SetsTheRateForEveryoneToRead()
    {
        var admin = await _host.AdminAsync();

        await _host.SendAsync("PUT", "/api/payments/rates", new { rate = "0.0130" }, admin, IfMatch(await RateETagAsync(admin)));

        var read = await _host.GetAsync("/api/payments/rates", await _host.UserAsync());
        Assert.Equal("0.013", read.Json.GetProperty("rate").GetString());
    }

    [Theory]
    [InlineData("0")]
    [InlineData("0.0000001")]
    [InlineData("-1")]
    [InlineData("1e3")]
    [InlineData("abc")]
    public async Task SetPayoutRate_NotAPositiveSixDecimalNumber_IsABadRequest(string rate)
    {
        var admin = await _host.AdminAsync();

        var response = await _host.SendAsync("PUT", "/api/payments/rates", new { rate }, admin, IfMatch(await RateETagAsync(admin)));

        Assert.Equal(400, response.Status);
    }

    [Fact]
    public async Task SetPayoutRate_IsAuditedWithTheRateBeforeAndAfter()
    {
        var admin = await _host.AdminAsync();
        await _host.SendAsync("PUT", "/api/payments/rates", new { rate = "0.01" }, admin, IfMatch(await RateETagAsync(admin)));

        await _host.SendAsync("PUT", "/api/payments/rates", new { rate = "0.02" }, admin, IfMatch(await RateETagAsync(admin)));

        var record = (await _host.GetAsync("/api/audit?targetType=payout_rate", admin)).Json.GetProperty("items")[0];
        Assert.Equal(("payout.rate", "0.01", "0.02"), (record.GetProperty("action").GetString(),
            record.GetProperty("before").GetProperty("rate").GetString(), record.GetProperty("after").GetProperty("rate").GetString()));
    }

    /// <summary>Follows <c>next</c> from <paramref name="path"/> to the last page; the ids in the order they came.</summary>
    internal static async Task<List<long>> PageThroughAsync(ApiTestHost host, string path, ApiCredentials credentials)
    {
        var seen = new List<long>();
        for (string? next = null, first = path; first is not null || next is not null;)
        {
            var page = (await host.GetAsync(first ?? $"{path}&cursor={next}", credentials)).Json;
            seen.AddRange(page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt64()));
            next = page.TryGetProperty("next", out var cursor) && cursor.ValueKind == JsonValueKind.String ? cursor.GetString() : null;
            first = null;
        }

        return seen;
    }

    internal static List<long> Ids(ApiResponse response) =>
        [.. response.Json.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt64())];

    private static Dictionary<string, string> IfMatch(string etag) => new() { ["If-Match"] = etag };

    private async Task<string> RateETagAsync(ApiCredentials admin) => (await _host.GetAsync("/api/payments/rates", admin)).Headers.ETag.ToString();
}
