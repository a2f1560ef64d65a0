using TrustyTrade.Core.DealRecords;
using TrustyTrade.IntegrationTests.Infrastructure;

namespace TrustyTrade.IntegrationTests.Api;

/// <summary><c>GET /api/deals/{id}/messages</c>: the chat an admin weighs in a dispute, kept from everyone else.</summary>
[Collection(DatabaseCollectionDefinition.Name)]
public sealed class DealMessagesApiTests(DatabaseFixture database) : ApiWorkflowTest(database)
{
    [Fact]
    public async Task Admin_ReadsTheWholeChatOldestFirst()
    {
        var buyer = await Host.UserAsync();
        var deal = await Host.DealAsync(buyer.UserId!.Value);
        var records = Host.Get<DealRecordService>();
        await records.PostMessageAsync(deal.Id, deal.BuyerId, "the password does not work", null, CancellationToken.None);
        Host.Time.Advance(TimeSpan.FromMinutes(1));
        await records.PostMessageAsync(deal.Id, deal.SellerId, "try the e-mail code", null, CancellationToken.None);

        var response = await Host.GetAsync($"/api/deals/{deal.Id}/messages", await Host.AdminAsync());

        Assert.Equal(
            [(deal.BuyerId, "the password does not work"), (deal.SellerId, "try the e-mail code")],
            response.Json.GetProperty("items").EnumerateArray().Select(m => (m.GetProperty("senderId").GetInt64(), m.GetProperty("body").GetString())));
    }

    [Fact]
    public async Task Stranger_Is403AndUnknownDeal404()
    {
        var deal = await Host.DealAsync((await Host.UserAsync()).UserId!.Value);
        var stranger = await Host.UserAsync();

        var forbidden = await Host.GetAsync($"/api/deals/{deal.Id}/messages", stranger);
        var missing = await Host.GetAsync("/api/deals/999999/messages", stranger);

        Assert.Equal((403, "deal-not-a-party", 404), (forbidden.Status, forbidden.ProblemType, missing.Status));
    }
}
