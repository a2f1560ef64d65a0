using TrustyTrade.Core.Access;
using TrustyTrade.Core.Monetary;
using TrustyTrade.IntegrationTests.Infrastructure;

namespace TrustyTrade.IntegrationTests.Api;

/// <summary>The payment reads and the payout rate over the real PostgreSQL: who sees which rows, paging, and If-Match on the rate.</summary>
[Collection(DatabaseCollectionDefinition.Name)]
public sealed class PaymentsApiTests(DatabaseFixture database) : ApiHostTest(database)
{
    [Fact]
    public async Task ListTransactions_AsAUser_ShowsOnlyTheirDeals()
    {
        var buyer = await Host.UserAsync();
        var other = await Host.UserAsync();
        var own = await Seeds.TransactionAsync((await Seeds.DealAsync(buyer.UserId!.Value)).Id);
        await Seeds.TransactionAsync((await Seeds.DealAsync(other.UserId!.Value)).Id);

        var response = await Host.GetAsync("/api/payments/transactions", buyer);

        Assert.Equal([own], Ids(response));
    }

    [Fact]
    public async Task ListTransactions_AsAKey_FiltersByMethodAndStatus()
    {
        var buyer = await Host.UserAsync();
        var deal = await Seeds.DealAsync(buyer.UserId!.Value);
        await Seeds.TransactionAsync(deal.Id, status: "pending");
        var wanted = await Seeds.TransactionAsync(deal.Id, status: "confirmed");
        await Seeds.TransactionAsync(deal.Id, method: "telegram_stars", status: "confirmed");

        var response = await Host.GetAsync(
            $"/api/payments/transactions?dealId={deal.Id}&method=crypto&status=confirmed", await Host.KeyAsync(ApiScopes.PaymentsRead));

        Assert.Equal([wanted], Ids(response));
    }

    [Fact]
    public async Task ListTransactions_PageByPage_EveryRowOnceInOrder()
    {
        var admin = await Host.AdminAsync();
        var deal = await Seeds.DealAsync((await Host.UserAsync()).UserId!.Value);
        var created = new List<long>();
        for (var i = 0; i < 7; i++)
        {
            created.Add(await Seeds.TransactionAsync(deal.Id));
        }

        var seen = await PageThroughAsync("/api/payments/transactions?limit=3", admin);

        Assert.Equal(created, seen);
    }

    [Fact]
    public async Task ListTransactions_UnknownMethod_IsABadRequest()
    {
        var response = await Host.GetAsync("/api/payments/transactions?method=cash", await Host.AdminAsync());

        Assert.Equal((400, "invalid-request"), (response.Status, response.ProblemType));
    }

    [Fact]
    public async Task GetInvoice_AsTheBuyer_ShowsAddressAmountsAndState()
    {
        var buyer = await Host.UserAsync();
        var deal = await Seeds.DealAsync(buyer.UserId!.Value, price: 25m);
        var invoice = await Seeds.InvoiceAsync(deal.Id);

        var json = (await Host.GetAsync($"/api/payments/invoices/{deal.Id}", buyer)).Json;

        Assert.Equal(
            (invoice.Address, "25.000000", "USDT", "0.000000", "awaitingPayment"),
            (json.GetProperty("address").GetString(), json.GetProperty("price").GetProperty("amount").GetString(),
             json.GetProperty("price").GetProperty("currency").GetString(), json.GetProperty("received").GetProperty("amount").GetString(),
             json.GetProperty("status").GetString()));
    }

    [Fact]
    public async Task GetInvoice_DealWithoutOne_IsNotFound()
    {
        var buyer = await Host.UserAsync();
        var deal = await Seeds.DealAsync(buyer.UserId!.Value);

        var response = await Host.GetAsync($"/api/payments/invoices/{deal.Id}", await Host.AdminAsync());

        Assert.Equal((404, "not-found"), (response.Status, response.ProblemType));
    }

    [Fact]
    public async Task GetBalance_ShowsWhatTheUserMayWithdrawPerCurrency()
    {
        var user = await Host.UserAsync();
        await Seeds.Data.CreditAsync(user.UserId!.Value, "seller_available", new Money(12.5m, Currency.USDT));
        await Seeds.Data.CreditAsync(user.UserId!.Value, "buyer_refunds", new Money(40m, Currency.XTR));

        var balances = (await Host.GetAsync("/api/payments/balance", user)).Json.GetProperty("balances").EnumerateArray()
            .ToDictionary(b => b.GetProperty("currency").GetString()!, b => b.GetProperty("available").GetString());

        Assert.Equal(new Dictionary<string, string?> { ["XTR"] = "40", ["USDT"] = "12.500000" }, balances);
    }

    [Fact]
    public async Task SetPayoutRate_WithoutIfMatch_IsPreconditionRequired()
    {
        var response = await Host.SendAsync("PUT", "/api/payments/rates", new { rate = "0.013" }, await Host.AdminAsync());

        Assert.Equal((428, "precondition-required"), (response.Status, response.ProblemType));
    }

    [Fact]
    public async Task SetPayoutRate_WithAStaleETag_IsPreconditionFailed()
    {
        var admin = await Host.AdminAsync();
        var stale = await RateETagAsync(admin);
        await Host.SendAsync("PUT", "/api/payments/rates", new { rate = "0.013" }, admin, IfMatch(stale));

        var response = await Host.SendAsync("PUT", "/api/payments/rates", new { rate = "0.02" }, admin, IfMatch(stale));

        Assert.Equal((412, "version-mismatch"), (response.Status, response.ProblemType));
    }

    [Fact]
    public async Task SetPayoutRate_WithTheCurrentETag_SetsTheRateForEveryoneToRead()
    {
        var admin = await Host.AdminAsync();

        await Host.SendAsync("PUT", "/api/payments/rates", new { rate = "0.0130" }, admin, IfMatch(await RateETagAsync(admin)));

        var read = await Host.GetAsync("/api/payments/rates", await Host.UserAsync());
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
        var admin = await Host.AdminAsync();

        var response = await Host.SendAsync("PUT", "/api/payments/rates", new { rate }, admin, IfMatch(await RateETagAsync(admin)));

        Assert.Equal(400, response.Status);
    }

    [Fact]
    public async Task SetPayoutRate_IsAuditedWithTheRateBeforeAndAfter()
    {
        var admin = await Host.AdminAsync();
        await Host.SendAsync("PUT", "/api/payments/rates", new { rate = "0.01" }, admin, IfMatch(await RateETagAsync(admin)));

        await Host.SendAsync("PUT", "/api/payments/rates", new { rate = "0.02" }, admin, IfMatch(await RateETagAsync(admin)));

        var record = (await Host.GetAsync("/api/audit?targetType=payout_rate", admin)).Json.GetProperty("items")[0];
        Assert.Equal(("payout.rate", "0.01", "0.02"), (record.GetProperty("action").GetString(),
            record.GetProperty("before").GetProperty("rate").GetString(), record.GetProperty("after").GetProperty("rate").GetString()));
    }

    private static Dictionary<string, string> IfMatch(string etag) => new() { ["If-Match"] = etag };

    private async Task<string> RateETagAsync(ApiCredentials admin) => (await Host.GetAsync("/api/payments/rates", admin)).Headers.ETag.ToString();
}
