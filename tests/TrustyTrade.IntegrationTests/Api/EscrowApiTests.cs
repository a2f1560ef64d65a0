using System.Globalization;
using System.Text.Json;
using TrustyTrade.Core.Access;
using TrustyTrade.Core.Deals;
using TrustyTrade.IntegrationTests.Infrastructure;

namespace TrustyTrade.IntegrationTests.Api;

/// <summary><c>/api/escrow</c> over the real database: the money a deal holds, and an admin settling its dispute.</summary>
[Collection(DatabaseCollectionDefinition.Name)]
public sealed class EscrowApiTests(DatabaseFixture database) : IAsyncLifetime
{
    private const string Refund = """{"outcome":"refund","reason":"the account was not as described"}""";

    private ApiWithWorkflow _api = null!;
    private ApiTestHost _host = null!;
    private ApiCredentials _buyer = null!;
    private ApiCredentials _admin = null!;

    public static TheoryData<string> MalformedDecisions =>
        MalformedBodies.From("""{"outcome":"split","reason":"half of it worked","sellerShare":{"amount":"40","currency":"XTR"}}""");

    public async Task InitializeAsync()
    {
        await database.ResetAsync();
        _api = await ApiWithWorkflow.StartAsync(database);
        _host = _api.Host;
        _buyer = await _host.UserAsync();
        _admin = await _host.AdminAsync();
    }

    public async Task DisposeAsync() => await _api.DisposeAsync();

    [Fact]
    public async Task GetEscrow_OfAPaidDeal_ShowsThePriceHeldInEscrowAndThePaymentEntries()
    {
        var deal = await _host.DealAsync(_buyer.UserId!.Value, DealStatus.Paid);

        var escrow = (await _host.GetAsync($"/api/escrow/{deal.Id}", _buyer)).Json;

        Assert.Equal(
            (100m, 2),
            (Balance(escrow, "escrow"), escrow.GetProperty("entries").GetArrayLength()));
    }

    [Fact]
    public async Task GetEscrow_ForAKeyWithEscrowRead_ShowsTheDeal()
    {
        var deal = await _host.DealAsync(_buyer.UserId!.Value, DealStatus.Paid);

        var response = await _host.GetAsync($"/api/escrow/{deal.Id}", await _host.KeyAsync(ApiScopes.EscrowRead));

        Assert.Equal(deal.Id, response.Json.GetProperty("deal").GetProperty("id").GetInt64());
    }

    [Fact]
    public async Task GetEscrow_OfAnotherUsersDeal_IsForbidden()
    {
        var deal = await _host.DealAsync(_buyer.UserId!.Value, DealStatus.Paid);

        var response = await _host.GetAsync($"/api/escrow/{deal.Id}", await _host.UserAsync());

        Assert.Equal((403, "deal-not-a-party"), (response.Status, response.ProblemType));
    }

    [Fact]
    public async Task GetEscrow_OfNoDeal_IsNotFound() =>
        Assert.Equal(404, (await _host.GetAsync("/api/escrow/999999", _admin)).Status);

    [Fact]
    public async Task Resolve_Refund_MovesTheHeldMoneyToTheBuyer()
    {
        var deal = await _host.DealAsync(_buyer.UserId!.Value, DealStatus.Disputed);

        var response = await ResolveAsync(deal, Refund);

        var escrow = (await _host.GetAsync($"/api/escrow/{deal.Id}", _buyer)).Json;
        Assert.Equal(
            ("resolved", $"\"v{deal.Version + 1}\"", 0m, 100m),
            (response.Json.GetProperty("status").GetString(), response.Headers.ETag.ToString(), Balance(escrow, "escrow"), Balance(escrow, "buyerRefunds")));
    }

    [Fact]
    public async Task Resolve_SentTwiceWithOneIdempotencyKey_ResolvesOnce()
    {
        var deal = await _host.DealAsync(_buyer.UserId!.Value, DealStatus.Disputed);
        var headers = ApiTestData.Headers(ifMatch: ETag(deal));

        var first = await _host.PostAsync($"/api/escrow/{deal.Id}/resolve", Refund, _admin, headers);
        var second = await _host.PostAsync($"/api/escrow/{deal.Id}/resolve", Refund, _admin, headers);

        Assert.Equal(
            (200, first.Body, "true", 1L),
            (second.Status, second.Body, second.Headers["Idempotent-Replayed"].ToString(), await ResolutionsAsync(deal.Id)));
    }

    [Fact]
    public async Task Resolve_SameIdempotencyKeyWithAnotherBody_IsRefused()
    {
        var deal = await _host.DealAsync(_buyer.UserId!.Value, DealStatus.Disputed);
        var headers = ApiTestData.Headers(ifMatch: ETag(deal));
        await _host.PostAsync($"/api/escrow/{deal.Id}/resolve", Refund, _admin, headers);

        var response = await _host.PostAsync(
            $"/api/escrow/{deal.Id}/resolve", """{"outcome":"release","reason":"the seller delivered"}""", _admin, headers);

        Assert.Equal((422, "idempotency-key-reused", 1L), (response.Status, response.ProblemType, await ResolutionsAsync(deal.Id)));
    }

    [Theory]
    [InlineData("100")]
    [InlineData("0")]
    [InlineData("40.5")]
    public async Task Resolve_SplitWithAShareOutOfRange_IsAnInvalidSplit(string share)
    {
        var deal = await _host.DealAsync(_buyer.UserId!.Value, DealStatus.Disputed);

        var response = await ResolveAsync(deal, $$$"""{"outcome":"split","reason":"half","sellerShare":{"amount":"{{{share}}}","currency":"XTR"}}""");

        Assert.Equal((422, "deal-invalid-split"), (response.Status, response.ProblemType));
    }

    [Theory]
    [InlineData("""{"outcome":"split","reason":"half"}""")]
    [InlineData("""{"outcome":"refund","reason":"half","sellerShare":{"amount":"40","currency":"XTR"}}""")]
    [InlineData("""{"outcome":"split","reason":"half","sellerShare":{"amount":"40","currency":"USDT"}}""")]
    [InlineData("""{"outcome":"refund","reason":"   "}""")]
    public async Task Resolve_InconsistentDecision_IsAClientProblem(string body)
    {
        var deal = await _host.DealAsync(_buyer.UserId!.Value, DealStatus.Disputed);

        ApiAssert.ClientProblem(await ResolveAsync(deal, body));
    }

    [Fact]
    public async Task Resolve_WithoutIfMatch_Is428()
    {
        var deal = await _host.DealAsync(_buyer.UserId!.Value, DealStatus.Disputed);

        var response = await _host.PostAsync($"/api/escrow/{deal.Id}/resolve", Refund, _admin, ApiTestData.Headers());

        Assert.Equal(428, response.Status);
    }

    [Fact]
    public async Task Resolve_WithAStaleIfMatch_Is412AndResolvesNothing()
    {
        var deal = await _host.DealAsync(_buyer.UserId!.Value, DealStatus.Disputed);

        var response = await _host.PostAsync(
            $"/api/escrow/{deal.Id}/resolve", Refund, _admin, ApiTestData.Headers(ifMatch: $"\"v{deal.Version - 1}\""));

        Assert.Equal((412, 0L), (response.Status, await ResolutionsAsync(deal.Id)));
    }

    [Fact]
    public async Task Resolve_OfADealNotInDispute_IsAConflict()
    {
        var deal = await _host.DealAsync(_buyer.UserId!.Value, DealStatus.Paid);

        var response = await ResolveAsync(deal, Refund);

        Assert.Equal((409, "deal-not-allowed-in-status"), (response.Status, response.ProblemType));
    }

    [Fact]
    public async Task Resolve_IsAuditedWithTheDealBeforeAndAfterAndTheDecision()
    {
        var deal = await _host.DealAsync(_buyer.UserId!.Value, DealStatus.Disputed);

        await ResolveAsync(deal, Refund);

        var audit = (await _host.GetAsync($"/api/audit?targetType=deal&targetId={deal.Id.ToString(CultureInfo.InvariantCulture)}", _admin))
            .Json.GetProperty("items")[0];
        Assert.Equal(
            ("deal.resolve", "disputed", "resolved", "refund", "the account was not as described"),
            (audit.GetProperty("action").GetString(), Status(audit, "before"), Status(audit, "after"),
                audit.GetProperty("after").GetProperty("decision").GetProperty("outcome").GetString(),
                audit.GetProperty("after").GetProperty("decision").GetProperty("reason").GetString()));
    }

    [Theory]
    [MemberData(nameof(MalformedDecisions))]
    public async Task Resolve_MalformedBody_IsAClientProblem(string body)
    {
        var deal = await _host.DealAsync(_buyer.UserId!.Value, DealStatus.Disputed);

        ApiAssert.ClientProblem(await ResolveAsync(deal, body));
    }

    private Task<ApiResponse> ResolveAsync(Deal deal, string body) =>
        _host.PostAsync($"/api/escrow/{deal.Id}/resolve", body, _admin, ApiTestData.Headers(ifMatch: ETag(deal)));

    private static string ETag(Deal deal) => $"\"v{deal.Version}\"";

    private Task<long> ResolutionsAsync(long dealId) =>
        _host.Data().ScalarAsync<long>("SELECT count(*) FROM ledger_postings WHERE deal_id = @dealId AND kind = 'resolve'", new { dealId });

    private static string? Status(JsonElement audit, string side) => audit.GetProperty(side).GetProperty("status").GetString();

    /// <summary>The deal's net on the ledger account of <paramref name="kind"/>, or null when it has none.</summary>
    private static decimal? Balance(JsonElement escrow, string kind) =>
        escrow.GetProperty("balances").EnumerateArray()
            .Where(b => b.GetProperty("account").GetProperty("kind").GetString() == kind)
            .Select(b => (decimal?)decimal.Parse(b.GetProperty("balance").GetProperty("amount").GetString()!, CultureInfo.InvariantCulture))
            .SingleOrDefault();
}
