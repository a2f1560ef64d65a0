using TrustyTrade.Core.Access;
using TrustyTrade.Core.Deals;
using TrustyTrade.Core.Users;
using TrustyTrade.IntegrationTests.Infrastructure;

namespace TrustyTrade.IntegrationTests.Api;

/// <summary>A party's commands on a deal through <c>/api/deals/{id}/cancel|confirm|dispute</c>, up to an admin's decision.</summary>
[Collection(DatabaseCollectionDefinition.Name)]
public sealed class DealActionsApiTests(DatabaseFixture database) : IAsyncLifetime
{
    private ApiWithWorkflow _api = null!;
    private ApiTestHost _host = null!;
    private ApiCredentials _buyer = null!;

    public static TheoryData<string> MalformedDisputes => MalformedBodies.From("""{"reason":"the password does not work"}""");

    public async Task InitializeAsync()
    {
        await database.ResetAsync();
        _api = await ApiWithWorkflow.StartAsync(database);
        _host = _api.Host;
        _buyer = await _host.UserAsync();
    }

    public async Task DisposeAsync() => await _api.DisposeAsync();

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
}
