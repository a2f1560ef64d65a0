using TrustyTrade.Core.DealRecords;
using TrustyTrade.IntegrationTests.Infrastructure;

namespace TrustyTrade.IntegrationTests.Api;

/// <summary><c>GET /api/deals/{id}/messages</c>: the chat an admin weighs in a dispute, kept from everyone else.</summary>
[Collection(DatabaseCollectionDefinition.Name)]
public sealed class DealMessagesApiTests(DatabaseFixture database) : IAsyncLifetime
{
    private ApiWithWorkflow _api = null!;
    private ApiTestHost _host = null!;

    public async Task InitializeAsync()
    {
        await database.ResetAsync();
        _api = await ApiWithWorkflow.StartAsync(database);
        _host = _api.Host;
    }

    public async Task DisposeAsync() => await _api.DisposeAsync();

    [Fact]
    public async Task Admin_ReadsTheWholeChatOldestFirst()
    {
        var buyer = await _host.UserAsync();
        var deal = await _host.DealAsync(buyer.UserId!.Value);
        var records = _host.Get<DealRecordService>();
        await records.PostMessageAsync(deal.Id, deal.BuyerId, "the password does not work", null, CancellationToken.None);
        _host.Time.Advance(TimeSpan.FromMinutes(1));
        await records.PostMessageAsync(deal.Id, deal.SellerId, "try the e-mail code", null, CancellationToken.None);

        var response = await _host.GetAsync($"/api/deals/{deal.Id}/messages", await _host.AdminAsync());

        Assert.Equal(
            [(deal.BuyerId, "the password does not work"), (deal.SellerId, "try the e-mail code")],
            response.Json.GetProperty("items").EnumerateArray().Select(m => (m.GetProperty("senderId").GetInt64(), m.GetProperty("body").GetString())));
    }

    [Fact]
    public async Task Stranger_Is403AndUnknownDeal404()
    {
        var deal = await _host.DealAsync((await _host.UserAsync()).UserId!.Value);
        var stranger = await _host.UserAsync();

        var forbidden = await _host.GetAsync($"/api/deals/{deal.Id}/messages", stranger);
        var missing = await _host.GetAsync("/api/deals/999999/messages", stranger);

        Assert.Equal((403, "deal-not-a-party", 404), (forbidden.Status, forbidden.ProblemType, missing.Status));
    }
}
