using Azure;
using Microsoft.Extensions.DependencyInjection;
using TrustyTrade.Core;
using TrustyTrade.Core.Notifications;
using TrustyTrade.Infrastructure;
using TrustyTrade.Infrastructure.Notifications;
using TrustyTrade.Infrastructure.Storage;
using TrustyTrade.IntegrationTests.Infrastructure;
using TrustyTrade.IntegrationTests.Notifications;

namespace TrustyTrade.IntegrationTests.Faults;

/// <summary>Storage restarted under the notification queue: what was queued is still there; what could not be queued says so.</summary>
public sealed class StorageRestartTests : IAsyncLifetime
{
    private PrivateAzurite _azurite = null!;
    private ServiceProvider _services = null!;

    public async Task InitializeAsync()
    {
        _azurite = await PrivateAzurite.StartAsync();
        var configuration = TestConfiguration.Build(new Dictionary<string, string?> { ["AzureWebJobsStorage"] = _azurite.ConnectionString });
        _services = new ServiceCollection().AddLogging().AddTrustyTradeCore(configuration).AddTrustyTradeInfrastructure(configuration).BuildServiceProvider();
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await _azurite.DisposeAsync();
    }

    [Fact]
    public async Task QueuedNotifications_SurviveARestart()
    {
        var publisher = _services.GetRequiredService<INotificationPublisher>();
        var queued = Enumerable.Range(1, 200).Select(i => NotificationBuilder.Paid(dealId: i, chatId: 1000 + i)).ToList();
        await publisher.EnqueueManyAsync(queued, CancellationToken.None);

        await _azurite.StopAsync();
        await _azurite.RestartAsync();

        Assert.Equal(queued.Select(n => n.Id).Order(StringComparer.Ordinal), (await ReadAllAsync()).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Enqueue_WhileStorageIsDown_FailsForTheCallerToRetry()
    {
        var publisher = _services.GetRequiredService<INotificationPublisher>();
        await publisher.EnqueueAsync(NotificationBuilder.Paid(dealId: 1, chatId: 1001), TimeSpan.Zero, CancellationToken.None);
        await _azurite.StopAsync();

        var failure = await Record.ExceptionAsync(() =>
            publisher.EnqueueAsync(NotificationBuilder.Paid(dealId: 2, chatId: 1002), TimeSpan.Zero, CancellationToken.None));

        // The SDK's retries gave up (an AggregateException of each try's RequestFailedException): the caller's own
        // retry (the activity, the queue message being handled) keeps the notification.
        Assert.True(failure is RequestFailedException or AggregateException { InnerException: RequestFailedException }, failure?.ToString() ?? "no exception");
    }

    private async Task<List<string>> ReadAllAsync()
    {
        var queue = StorageQueues.Queue(_azurite.ConnectionString, NotificationQueues.Notifications);
        var ids = new List<string>();
        while (true)
        {
            var messages = (await queue.ReceiveMessagesAsync(32)).Value;
            if (messages.Length == 0)
            {
                return ids;
            }

            foreach (var message in messages)
            {
                ids.Add(NotificationJson.Deserialize(message.Body.ToString()).Id);
                await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt);
            }
        }
    }
}
