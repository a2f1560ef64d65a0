using TrustyTrade.Core.IntegrationEvents;
using TrustyTrade.Functions.IntegrationEvents;
using TrustyTrade.IntegrationTests.Infrastructure;

namespace TrustyTrade.IntegrationTests.IntegrationEvents;

/// <summary>
/// The relay moves the outbox's events to the sender once each, keeps what failed for a retry, and two relays never
/// send one event twice. The sender is a recording double: Service Bus has no emulator on these machines.
/// </summary>
[Collection(DatabaseCollectionDefinition.Name)]
public sealed class IntegrationEventRelayTests(DatabaseFixture database) : OutboxTest(database)
{
    [Fact]
    public async Task Publish_SendsEveryPendingEventOnceOldestFirst()
    {
        var deals = await DealsAsync(3);

        await PublishAsync();

        Assert.Equal(deals.Select(d => d.Id), Sender.Sent.Select(e => e.DealId));
    }

    [Fact]
    public async Task Publish_SendsWhatTheOutboxHolds()
    {
        await DealsAsync(1);
        var stored = await Data.ScalarAsync<string>("SELECT payload::text FROM integration_events");

        await PublishAsync();

        Assert.Equal(stored, Assert.Single(Sender.Sent).Data);
    }

    [Fact]
    public async Task Publish_MarksSentEventsPublishedAtTheAppsClock()
    {
        await DealsAsync(2);

        await PublishAsync();

        Assert.Equal(2L, await CountAsync($"published_at = '{Time.GetUtcNow():O}'::timestamptz"));
    }

    [Fact]
    public async Task Publish_SecondRun_SendsNothingAgain()
    {
        await DealsAsync(2);
        await PublishAsync();

        var second = await PublishAsync();

        Assert.Equal((0, 2), (second, Sender.Sent.Count));
    }

    [Fact]
    public async Task Publish_MoreThanABatch_SendsThemAllInOneRun()
    {
        Configure(batchSize: 2);
        await DealsAsync(5);

        var published = await PublishAsync();

        Assert.Equal(5, published);
    }

    [Fact]
    public async Task Publish_SenderFails_KeepsTheEventsWithTheAttemptAndError()
    {
        await DealsAsync(2);
        Sender.Failing = true;

        await PublishAsync();

        Assert.Equal(2L, await CountAsync("published_at IS NULL AND attempts = 1 AND last_error LIKE '%broker is unreachable%'"));
    }

    [Fact]
    public async Task Publish_AfterAFailure_WaitsForTheRetryDelay()
    {
        await DealsAsync(1);
        Sender.Failing = true;
        await PublishAsync();
        Sender.Failing = false;

        Time.Advance(IntegrationEventRelay.FirstRetryDelay - TimeSpan.FromSeconds(1));
        var tooEarly = await PublishAsync();
        Time.Advance(TimeSpan.FromSeconds(1));
        var due = await PublishAsync();

        Assert.Equal((0, 1), (tooEarly, due));
    }

    [Fact]
    public async Task Publish_RepeatedFailures_DoubleTheDelay()
    {
        await DealsAsync(1);
        Sender.Failing = true;
        await PublishAsync();
        Time.Advance(IntegrationEventRelay.FirstRetryDelay);
        await PublishAsync();

        var delay = await Data.ScalarAsync<TimeSpan>("SELECT next_attempt_at - @now FROM integration_events", new { now = Time.GetUtcNow() });

        Assert.Equal(IntegrationEventRelay.FirstRetryDelay * 2, delay);
    }

    [Fact]
    public async Task Publish_TwoRelaysAtOnce_SendEachEventOnce()
    {
        Configure(batchSize: 2, sender: new RecordingIntegrationEventSender { HoldFirstSendForASecond = true });
        await DealsAsync(6);
        var relay = Get<IntegrationEventRelay>();

        await Task.WhenAll(
            Task.Run(() => relay.PublishAsync(CancellationToken.None)),
            Task.Run(() => relay.PublishAsync(CancellationToken.None)));

        Assert.Equal(
            (await Data.ScalarAsync<Guid[]>("SELECT array_agg(id ORDER BY id) FROM integration_events")).AsEnumerable(),
            Sender.Sent.Select(e => e.Id).Order());
    }

    [Fact]
    public async Task Publish_ServiceBusNotConfigured_SendsNothing()
    {
        Configure(serviceBusNamespace: "");
        await DealsAsync(2);

        var published = await PublishAsync();

        Assert.Equal((0, 0, 2L), (published, Sender.Sent.Count, await CountAsync("published_at IS NULL")));
    }

    [Fact]
    public async Task Cleanup_DeletesEventsPublishedBeforeTheRetentionOnly()
    {
        await DealsAsync(3);
        await PublishAsync();
        await Data.ExecuteAsync("UPDATE integration_events SET published_at = @at WHERE deal_id = 1", new { at = Time.GetUtcNow().AddDays(-15) });
        await Data.ExecuteAsync(
            "UPDATE integration_events SET published_at = NULL, occurred_at = @at WHERE deal_id = 2", new { at = Time.GetUtcNow().AddDays(-30) });

        var deleted = await Cleanup().CleanUpIntegrationEvents(null!, CancellationToken.None);

        Assert.Equal((1, "2,3"), (deleted, await DealIdsLeftAsync()));
    }

    [Fact]
    public async Task Cleanup_ServiceBusNotConfigured_DeletesEveryEventOlderThanTheRetention()
    {
        Configure(serviceBusNamespace: "");
        await DealsAsync(3);
        await Data.ExecuteAsync("UPDATE integration_events SET occurred_at = @at WHERE deal_id IN (1, 2)", new { at = Time.GetUtcNow().AddDays(-14).AddSeconds(-1) });

        var deleted = await Cleanup().CleanUpIntegrationEvents(null!, CancellationToken.None);

        Assert.Equal((2, "3"), (deleted, await DealIdsLeftAsync()));
    }

    private PublishIntegrationEventsFunction Cleanup() => new(Get<IntegrationEventRelay>(), Get<IntegrationEventCleanup>());

    private Task<int> PublishAsync() =>
        new PublishIntegrationEventsFunction(Get<IntegrationEventRelay>(), Get<IntegrationEventCleanup>()).PublishIntegrationEvents(null!, CancellationToken.None);

    /// <summary>Deals bought one a minute apart: each leaves its deal.created event.</summary>
    private async Task<List<Core.Deals.Deal>> DealsAsync(int count)
    {
        var deals = new List<Core.Deals.Deal>();
        for (var i = 0; i < count; i++)
        {
            Time.Advance(TimeSpan.FromMinutes(1));
            deals.Add(await NewDealAsync());
        }

        return deals;
    }

    private Task<string> DealIdsLeftAsync() =>
        Data.ScalarAsync<string>("SELECT coalesce(string_agg(deal_id::text, ',' ORDER BY deal_id), '') FROM integration_events");
}
