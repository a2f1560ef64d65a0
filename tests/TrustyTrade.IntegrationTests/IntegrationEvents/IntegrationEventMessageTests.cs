using System.Text.Json;
using System.Text.Json.Nodes;
using TrustyTrade.Core.Deals;
using TrustyTrade.Core.IntegrationEvents;
using TrustyTrade.Infrastructure.IntegrationEvents;
using TrustyTrade.IntegrationTests.Infrastructure;

namespace TrustyTrade.IntegrationTests.IntegrationEvents;

/// <summary>
/// The Service Bus message contract (CloudEvents 1.0, AMQP binary mode), built from an event as the relay reads it from
/// the outbox after a real deal. A snapshot: a change here is a change subscribers see.
/// </summary>
[Collection(DatabaseCollectionDefinition.Name)]
public sealed class IntegrationEventMessageTests(DatabaseFixture database) : OutboxTest(database)
{
    [Fact]
    public async Task Message_IdsTheEventAndNamesItsType()
    {
        var paid = await PaidEventAsync();

        var message = IntegrationEventMessage.Build(paid);

        Assert.Equal((paid.Id.ToString(), "deal.paid", "application/json"), (message.MessageId, message.Subject, message.ContentType));
    }

    [Fact]
    public async Task Message_CarriesTheCloudEventsAttributesAsApplicationProperties()
    {
        var paid = await PaidEventAsync();

        var message = IntegrationEventMessage.Build(paid);

        Assert.Equal(
            new Dictionary<string, object>
            {
                ["cloudEvents:specversion"] = "1.0",
                ["cloudEvents:type"] = "trustytrade.deal.paid",
                ["cloudEvents:source"] = "/trustytrade/deals",
                ["cloudEvents:id"] = paid.Id.ToString(),
                ["cloudEvents:time"] = "2026-11-28T12:01:00.0000000Z",
                ["cloudEvents:subject"] = "deals/1",
                ["dealId"] = 1L,
                ["dealVersion"] = 1,
            },
            message.ApplicationProperties);
    }

    [Fact]
    public async Task Message_BodyIsExactlyTheContractsFields()
    {
        var paid = await PaidEventAsync();

        var body = JsonNode.Parse(IntegrationEventMessage.Build(paid).Body.ToString())!.AsObject();

        Assert.Equal(
            """
            {"amount":"100","buyerId":2,"currency":"XTR","dealId":1,"dealVersion":1,"fee":"5","game":"Dota 2","listingId":1,"paymentMethod":"telegram_stars","sellerId":1,"status":"paid"}
            """,
            Sorted(body));
    }

    /// <summary>The paid event of the first deal in the emptied database (deal 1, seller 1, buyer 2, listing 1), as the relay claims it.</summary>
    private async Task<IntegrationEvent> PaidEventAsync()
    {
        var deal = await NewDealAsync();
        await ActAsync(deal, Actor.System, new ConfirmPayment(Price, PaymentMethod.TelegramStars, "charge-1"));
        await using var claim = await Get<IIntegrationEventOutbox>().ClaimAsync(10, Time.GetUtcNow(), CancellationToken.None);
        return claim.Events.Single(e => e.Type == IntegrationEventTypes.DealPaid);
    }

    private static string Sorted(JsonObject body) =>
        new JsonObject(body.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => KeyValuePair.Create(p.Key, p.Value?.DeepClone()))).ToJsonString(
            new JsonSerializerOptions { WriteIndented = false });
}
