using TrustyTrade.Core.Users;
using TrustyTrade.IntegrationTests.Infrastructure;

namespace TrustyTrade.IntegrationTests.Api;

/// <summary>
/// Findings of the API's security review, each kept fixed: admin rights only with an admin sign-in, and input that
/// once reached a 500 (NUL characters, huge amounts, dates with an offset) answered as a client's mistake or served.
/// </summary>
[Collection(DatabaseCollectionDefinition.Name)]
public sealed class HostileInputTests(DatabaseFixture database) : ApiWorkflowTest(database)
{
    [Fact]
    public async Task AdminSignedInThroughTelegram_HasOnlyUserRights()
    {
        var deal = await Host.DealAsync((await Host.UserAsync()).UserId!.Value);
        var listing = await Host.ListingAsync(deal.SellerId);
        var adminAsUser = await Host.UserAsync();
        await Host.Get<IUserStore>().SetRoleAsync(adminAsUser.UserId!.Value, UserRole.Admin, CancellationToken.None);

        var chat = await Host.GetAsync($"/api/deals/{deal.Id}/messages", adminAsUser);
        var removal = await Host.SendAsync("DELETE", $"/api/accounts/{listing}", credentials: adminAsUser);

        Assert.Equal((403, 403), (chat.Status, removal.Status));
        Assert.Equal(200, (await Host.GetAsync($"/api/accounts/{listing}")).Status);
    }

    [Theory]
    [InlineData("/api/accounts?game=%00")]
    [InlineData("/api/accounts?q=a%00b")]
    public async Task NulInAQuery_Is400(string path)
    {
        Assert.Equal(400, (await Host.GetAsync(path)).Status);
    }

    [Fact]
    public async Task NulInABodyText_Is400()
    {
        var seller = await Host.UserAsync();

        var response = await Host.PostAsync(
            "/api/accounts", """{"game":"Dota 2","title":"a\u0000b","description":"x","price":{"amount":"100","currency":"XTR"}}""", seller);

        Assert.Equal((400, "invalid-body"), (response.Status, response.ProblemType));
    }

    [Fact]
    public async Task HugePayoutAmount_Is400()
    {
        var user = await Host.UserAsync();

        var response = await Host.PostAsync(
            "/api/payments/payouts",
            """{"amount":{"amount":"100000000000000000000000000","currency":"XTR"},"address":"0x00000000000000000000000000000000000000aa"}""",
            user,
            ApiTestData.Headers());

        Assert.Equal((400, "invalid-body"), (response.Status, response.ProblemType));
    }

    [Fact]
    public async Task DateFilterWithAnOffset_IsServed()
    {
        var admin = await Host.AdminAsync();

        var response = await Host.GetAsync("/api/deals?createdFrom=2026-11-28T12:00:00%2B02:00", admin);

        Assert.Equal(200, response.Status);
    }
}
