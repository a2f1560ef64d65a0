using TrustyTrade.Core.Monetary;
using TrustyTrade.IntegrationTests.Infrastructure;

namespace TrustyTrade.IntegrationTests.Api;

/// <summary>
/// Payouts through the API over the real PostgreSQL: a user sees their own, a request runs once per Idempotency-Key
/// (in the API and again in Core), and an admin's decision is made once and audited.
/// </summary>
[Collection(DatabaseCollectionDefinition.Name)]
public sealed class PayoutsApiTests(DatabaseFixture database) : ApiHostTest(database)
{
    private const string Payouts = "/api/payments/payouts";

    [Fact]
    public async Task ListPayouts_AsAUser_ShowsOnlyTheirOwn()
    {
        var user = await Host.UserAsync();
        var own = await Seeds.PayoutAsync(user.UserId!.Value);
        await Seeds.PayoutAsync((await Host.UserAsync()).UserId!.Value);

        Assert.Equal([own.Id], Ids(await Host.GetAsync(Payouts, user)));
    }

    [Fact]
    public async Task ListPayouts_PageByPage_EveryPayoutOnceInOrder()
    {
        var created = new List<long>();
        for (var i = 0; i < 5; i++)
        {
            created.Add((await Seeds.PayoutAsync((await Host.UserAsync()).UserId!.Value)).Id);
        }

        var seen = await PageThroughAsync($"{Payouts}?status=requested&limit=2", await Host.AdminAsync());

        Assert.Equal(created, seen);
    }

    [Fact]
    public async Task RequestPayout_WithoutIdempotencyKey_IsRefused()
    {
        var user = await FundedUserAsync();

        var response = await Host.PostAsync(Payouts, Request(), user);

        Assert.Equal((400, "idempotency-key-required"), (response.Status, response.ProblemType));
    }

    [Fact]
    public async Task RequestPayout_SameKeyTwice_RequestsOnePayoutAndReplaysTheAnswer()
    {
        var user = await FundedUserAsync();
        var body = Request();
        var key = Key();

        var first = await Host.PostAsync(Payouts, body, user, key);
        var second = await Host.PostAsync(Payouts, body, user, key);

        Assert.Equal((201, 201, "true", first.Body, 1L), (first.Status, second.Status, second.Headers["Idempotent-Replayed"].ToString(), second.Body,
            await Seeds.Data.ScalarAsync<long>("SELECT count(*) FROM payouts WHERE user_id = @id", new { id = user.UserId })));
    }

    [Fact]
    public async Task RequestPayout_SameKeyWithAnotherBody_IsUnprocessable()
    {
        var user = await FundedUserAsync();
        var key = Key();
        await Host.PostAsync(Payouts, Request("1"), user, key);

        var response = await Host.PostAsync(Payouts, Request("2"), user, key);

        Assert.Equal((422, "idempotency-key-reused"), (response.Status, response.ProblemType));
    }

    [Fact]
    public async Task RequestPayout_RetriedAfterTheApiForgotTheKey_StillRequestsOnce()
    {
        var user = await FundedUserAsync();
        var body = Request();
        var key = Key();
        var first = await Host.PostAsync(Payouts, body, user, key);
        await Seeds.Data.ExecuteAsync("DELETE FROM api_idempotency");

        var second = await Host.PostAsync(Payouts, body, user, key);

        Assert.Equal((first.Json.GetProperty("id").GetInt64(), 1L), (second.Json.GetProperty("id").GetInt64(),
            await Seeds.Data.ScalarAsync<long>("SELECT count(*) FROM payouts WHERE user_id = @id", new { id = user.UserId })));
    }

    [Fact]
    public async Task RequestPayout_ToANonAddress_IsABadRequest()
    {
        var user = await FundedUserAsync();

        var response = await Host.PostAsync(Payouts, Request(address: "0x123"), user, Key());

        Assert.Equal((400, "invalid-address"), (response.Status, response.ProblemType));
    }

    [Fact]
    public async Task RequestPayout_MoreThanTheBalance_IsAConflict()
    {
        var user = await FundedUserAsync();

        var response = await Host.PostAsync(Payouts, Request("11"), user, Key());

        Assert.Equal((409, "insufficient-balance"), (response.Status, response.ProblemType));
    }

    [Fact]
    public async Task ApprovePayout_Twice_TheSecondIsAConflict()
    {
        var admin = await Host.AdminAsync();
        var payout = await Seeds.PayoutAsync((await Host.UserAsync()).UserId!.Value);
        await Host.PostAsync($"{Payouts}/{payout.Id}/approve", null, admin, Key());

        var second = await Host.PostAsync($"{Payouts}/{payout.Id}/approve", null, admin, Key());

        Assert.Equal((409, "payout-already-decided"), (second.Status, second.ProblemType));
    }

    [Fact]
    public async Task ApprovePayout_Unknown_IsNotFound()
    {
        var response = await Host.PostAsync($"{Payouts}/999999/approve", null, await Host.AdminAsync(), Key());

        Assert.Equal((404, "not-found"), (response.Status, response.ProblemType));
    }

    [Fact]
    public async Task ApprovePayout_IsAuditedWithTheStatusBeforeAndAfter()
    {
        var admin = await Host.AdminAsync();
        var payout = await Seeds.PayoutAsync((await Host.UserAsync()).UserId!.Value);

        await Host.PostAsync($"{Payouts}/{payout.Id}/approve", null, admin, Key());

        var record = (await Host.GetAsync($"/api/audit?targetType=payout&targetId={payout.Id}", admin)).Json.GetProperty("items")[0];
        Assert.Equal(("payout.approve", "requested", "approved"), (record.GetProperty("action").GetString(),
            record.GetProperty("before").GetProperty("status").GetString(), record.GetProperty("after").GetProperty("status").GetString()));
    }

    [Fact]
    public async Task RejectPayout_GivesTheMoneyBackAndIsAudited()
    {
        var admin = await Host.AdminAsync();
        var user = await Host.UserAsync();
        var payout = await Seeds.PayoutAsync(user.UserId!.Value);

        var response = await Host.PostAsync($"{Payouts}/{payout.Id}/reject", new { reason = "address on a sanctions list" }, admin, Key());

        var balance = (await Host.GetAsync("/api/payments/balance", user)).Json.GetProperty("balances").EnumerateArray()
            .Single(b => b.GetProperty("currency").GetString() == "USDT").GetProperty("available").GetString();
        var audit = (await Host.GetAsync($"/api/audit?targetType=payout&targetId={payout.Id}", admin)).Json.GetProperty("items")[0];
        Assert.Equal(("rejected", "10.000000", "payout.reject"), (response.Json.GetProperty("status").GetString(), balance,
            audit.GetProperty("action").GetString()));
    }

    [Fact]
    public async Task RejectPayout_WithABlankReason_IsABadRequest()
    {
        var payout = await Seeds.PayoutAsync((await Host.UserAsync()).UserId!.Value);

        var response = await Host.PostAsync($"{Payouts}/{payout.Id}/reject", new { reason = "  " }, await Host.AdminAsync(), Key());

        Assert.Equal((400, "invalid-reason"), (response.Status, response.ProblemType));
    }

    private static object Request(string amount = "1", string? address = null) =>
        new { amount = new { amount, currency = "USDT" }, address = address ?? "0x00000000000000000000000000000000000000aa" };

    private static Dictionary<string, string> Key() => new() { ["Idempotency-Key"] = Guid.NewGuid().ToString("N") };

    private async Task<ApiCredentials> FundedUserAsync()
    {
        var user = await Host.UserAsync();
        await Seeds.Data.CreditAsync(user.UserId!.Value, PaymentSeeds.PayoutAccount, new Money(10m, Currency.USDT));
        return user;
    }
}
