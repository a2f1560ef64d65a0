using TrustyTrade.Core.Access;
using TrustyTrade.Core.Deals;
using TrustyTrade.Core.Users;
using TrustyTrade.IntegrationTests.Infrastructure;

namespace TrustyTrade.IntegrationTests.Api;

/// <summary>
/// <c>/api/deals</c> over the real database, with the deal workflow in the Durable in-process test host: lists, reads,
/// purchases, and a party's commands (cancel, confirm, dispute) up to an admin's decision.
/// </summary>
[Collection(DatabaseCollectionDefinition.Name)]
public sealed class DealsApiTests(DatabaseFixture database) : IAsyncLifetime
{
    private ApiWithWorkflow _api = null!;
    private ApiTestHost _host = null!;
    private ApiCredentials _buyer = null!;

    public static TheoryData<string> MalformedDisputes => MalformedBodies.From("""{"reason":"the password does not work"}""");

    public static TheoryData<string> MalformedPurchases => MalformedBodies.From("""{"listingId":1}""");

    public async Task InitializeAsync()
    {
        await database.ResetAsync();
        _api = await ApiWithWorkflow.StartAsync(database);
        _host = _api.Host;
        _buyer = await _host.UserAsync();
    }

    public async Task DisposeAsync() => await _api.DisposeAsync();

    [Fact]
    public async Task ListDeals_ForAUser_HoldsOnlyDealsTheyArePartyToWhateverTheFilter()
    {
        var me = _buyer.UserId!.Value;
        var bought = await _host.DealAsync(me);
        var sold = await TestData.BuyAsync(_host.Get<DealService>(), await _host.ListingAsync(me), await _host.Data().UserAsync());
        var other = await _host.DealAsync(await _host.Data().UserAsync());

        var all = await WalkAsync("/api/deals?limit=5", _buyer);
        var withOther = await WalkAsync($"/api/deals?userId={other.BuyerId}", _buyer);

        Assert.Equal($"{sold.Id},{bought.Id}|", $"{string.Join(',', all)}|{string.Join(',', withOther)}");
    }

    [Fact]
    public async Task ListDeals_ForAnAdmin_FiltersByStatusListingAndParty()
    {
        var paid = await _host.DealAsync(_buyer.UserId!.Value, DealStatus.Paid);
        var unpaid = await _host.DealAsync(_buyer.UserId!.Value);
        await _host.DealAsync(await _host.Data().UserAsync(), DealStatus.Paid);
        var admin = await _host.AdminAsync();

        var found = (
            await WalkAsync($"/api/deals?status=paid&userId={_buyer.UserId}", admin),
            await WalkAsync($"/api/deals?listingId={unpaid.ListingId}", admin),
            await WalkAsync("/api/deals?createdFrom=2100-01-01T00:00:00Z", admin));

        Assert.Equal($"{paid.Id}|{unpaid.Id}|", $"{string.Join(',', found.Item1)}|{string.Join(',', found.Item2)}|{string.Join(',', found.Item3)}");
    }

    [Fact]
    public async Task ListDeals_WalkedPageByPage_ShowsEveryDealOnceNewestFirst()
    {
        var ids = new List<long>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add((await _host.DealAsync(_buyer.UserId!.Value)).Id);
        }

        var seen = await WalkAsync("/api/deals?limit=2", await _host.KeyAsync(ApiScopes.DealsRead));

        Assert.Equal(ids.AsEnumerable().Reverse(), seen);
    }

    [Fact]
    public async Task ListDeals_WithAMalformedDate_IsABadRequest() =>
        Assert.Equal(400, (await _host.GetAsync("/api/deals?createdFrom=yesterday", _buyer)).Status);

    [Fact]
    public async Task GetDeal_ShowsTheTimelineTheWorkflowAndTheVersionAsETag()
    {
        var created = await BuyAsync(await _host.ListingAsync(await _host.Data().UserAsync()));
        var deal = await _host.Get<DealService>().ExecuteAsync(
            new(new($"test:{Guid.NewGuid():N}"), new ActOnDeal(Id(created), Actor.User(_buyer.UserId!.Value), new CancelDeal("changed my mind"))),
            CancellationToken.None);

        var response = await _host.GetAsync($"/api/deals/{Id(created)}", _buyer);

        var timeline = response.Json.GetProperty("timeline").EnumerateArray().Select(e => e.GetProperty("to").GetString()).ToList();
        Assert.Equal(
            ($"\"v{deal.Deal!.Version}\"", "cancelled", true),
            (response.Headers.ETag.ToString(), timeline[^1], response.Json.TryGetProperty("workflow", out _)));
    }

    [Fact]
    public async Task CreateDeal_SentTwiceWithOneIdempotencyKey_OpensOneDeal()
    {
        var listingId = await _host.ListingAsync(await _host.Data().UserAsync());
        var headers = ApiTestData.Headers();

        var first = await _host.PostAsync("/api/deals", new { listingId }, _buyer, headers);
        var second = await _host.PostAsync("/api/deals", new { listingId }, _buyer, headers);

        Assert.Equal((201, Id(first), "true", 1L), (second.Status, Id(second), second.Headers["Idempotent-Replayed"].ToString(), await DealsOnAsync(listingId)));
    }

    [Fact]
    public async Task CreateDeal_RetriedAfterTheApisOwnRecordWasLost_OpensOneDeal()
    {
        var listingId = await _host.ListingAsync(await _host.Data().UserAsync());
        var headers = ApiTestData.Headers();
        var first = await _host.PostAsync("/api/deals", new { listingId }, _buyer, headers);
        await _host.Data().ExecuteAsync("DELETE FROM api_idempotency");

        var retry = await _host.PostAsync("/api/deals", new { listingId }, _buyer, headers);

        Assert.Equal((201, Id(first), 1L), (retry.Status, Id(retry), await DealsOnAsync(listingId)));
    }

    [Fact]
    public async Task CreateDeal_ByAKeyForABuyer_OpensTheBuyersDealAndIsAudited()
    {
        var listingId = await _host.ListingAsync(await _host.Data().UserAsync());

        var response = await _host.PostAsync(
            "/api/deals", new { listingId, buyerId = _buyer.UserId }, await _host.KeyAsync(ApiScopes.DealsWrite), ApiTestData.Headers());

        var audited = await _host.Data().ScalarAsync<long>(
            "SELECT count(*) FROM audit_log WHERE action = 'deal.create' AND target_id = @id AND after IS NOT NULL", new { id = Id(response).ToString(System.Globalization.CultureInfo.InvariantCulture) });
        Assert.Equal((_buyer.UserId!.Value, 1L), (response.Json.GetProperty("buyerId").GetInt64(), audited));
    }

    [Fact]
    public async Task CreateDeal_ByAKeyWithoutABuyer_IsABadRequest()
    {
        var listingId = await _host.ListingAsync(await _host.Data().UserAsync());

        var response = await _host.PostAsync("/api/deals", new { listingId }, await _host.KeyAsync(ApiScopes.DealsWrite), ApiTestData.Headers());

        Assert.Equal(400, response.Status);
    }

    [Fact]
    public async Task CreateDeal_OnTheUsersOwnListing_IsRefused()
    {
        var response = await BuyAsync(await _host.ListingAsync(_buyer.UserId!.Value));

        Assert.Equal((422, "deal-own-listing"), (response.Status, response.ProblemType));
    }

    [Fact]
    public async Task CreateDeal_WithoutAnIdempotencyKey_IsABadRequest()
    {
        var listingId = await _host.ListingAsync(await _host.Data().UserAsync());

        var response = await _host.PostAsync("/api/deals", new { listingId }, _buyer);

        Assert.Equal((400, "idempotency-key-required"), (response.Status, response.ProblemType));
    }

    [Theory]
    [MemberData(nameof(MalformedPurchases))]
    public async Task CreateDeal_MalformedBody_IsAClientProblem(string body) =>
        ApiAssert.ClientProblem(await _host.PostAsync("/api/deals", body, _buyer, ApiTestData.Headers()));

    [Fact]
    public async Task DisputeThenResolve_ThroughTheApi_RefundsTheBuyer()
    {
        var deal = await _host.DealAsync(_buyer.UserId!.Value, DealStatus.Delivered);
        var disputed = await _host.PostAsync($"/api/deals/{deal.Id}/dispute", new { reason = "the password does not work" }, _buyer, ApiTestData.Headers());

        var resolved = await _host.PostAsync(
            $"/api/escrow/{deal.Id}/resolve", new { outcome = "refund", reason = "the seller never answered" }, await _host.AdminAsync(),
            ApiTestData.Headers(ifMatch: disputed.Headers.ETag.ToString()));

        Assert.Equal(("disputed", "resolved"), (disputed.Json.GetProperty("status").GetString(), resolved.Json.GetProperty("status").GetString()));
    }

    [Fact]
    public async Task ConfirmDeal_SentTwiceWithOneIdempotencyKey_MovesTheMoneyOnce()
    {
        var deal = await _host.DealAsync(_buyer.UserId!.Value, DealStatus.Delivered);
        var headers = ApiTestData.Headers();

        await _host.PostAsync($"/api/deals/{deal.Id}/confirm", null, _buyer, headers);
        var second = await _host.PostAsync($"/api/deals/{deal.Id}/confirm", null, _buyer, headers);

        var completions = await _host.Data().ScalarAsync<long>(
            "SELECT count(*) FROM ledger_postings WHERE deal_id = @id AND kind = 'complete'", new { id = deal.Id });
        Assert.Equal(("completed", 1L), (second.Json.GetProperty("status").GetString(), completions));
    }

    [Fact]
    public async Task ConfirmDeal_ByTheSeller_IsRefused()
    {
        var deal = await _host.DealAsync(_buyer.UserId!.Value, DealStatus.Delivered);
        var seller = ApiCredentials.Token(_host.Get<IAccessTokens>().Issue(deal.SellerId, UserRole.User).Token, deal.SellerId);

        var response = await _host.PostAsync($"/api/deals/{deal.Id}/confirm", null, seller, ApiTestData.Headers());

        ApiAssert.ClientProblem(response);
    }

    [Fact]
    public async Task CancelDeal_AfterPayment_IsAConflict()
    {
        var deal = await _host.DealAsync(_buyer.UserId!.Value, DealStatus.Paid);

        var response = await _host.PostAsync($"/api/deals/{deal.Id}/cancel", null, _buyer, ApiTestData.Headers());

        Assert.Equal((409, "deal-not-allowed-in-status"), (response.Status, response.ProblemType));
    }

    [Fact]
    public async Task CancelDeal_OfNoDeal_IsNotFound() =>
        Assert.Equal(404, (await _host.PostAsync("/api/deals/999999/cancel", null, _buyer, ApiTestData.Headers())).Status);

    [Theory]
    [MemberData(nameof(MalformedDisputes))]
    public async Task DisputeDeal_MalformedBody_IsAClientProblem(string body)
    {
        var deal = await _host.DealAsync(_buyer.UserId!.Value, DealStatus.Delivered);

        ApiAssert.ClientProblem(await _host.PostAsync($"/api/deals/{deal.Id}/dispute", body, _buyer, ApiTestData.Headers()));
    }

    private Task<ApiResponse> BuyAsync(long listingId) => _host.PostAsync("/api/deals", new { listingId }, _buyer, ApiTestData.Headers());

    private static long Id(ApiResponse response) => response.Json.GetProperty("id").GetInt64();

    private Task<long> DealsOnAsync(long listingId) =>
        _host.Data().ScalarAsync<long>("SELECT count(*) FROM deals WHERE account_id = @listingId", new { listingId });

    private Task<List<long>> WalkAsync(string path, ApiCredentials credentials) =>
        _host.WalkAsync(path, credentials, i => i.GetProperty("deal").GetProperty("id").GetInt64());
}
