using Azure.Storage.Queues;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using TrustyTrade.Core;
using TrustyTrade.Core.Notifications;
using TrustyTrade.Functions.Notifications;
using TrustyTrade.Infrastructure;
using TrustyTrade.Infrastructure.Notifications;
using TrustyTrade.Infrastructure.Storage;
using TrustyTrade.IntegrationTests.Infrastructure;
using TrustyTrade.TestSupport;

namespace TrustyTrade.IntegrationTests.Notifications;

/// <summary>
/// The notification sender as the app composes it, over real Redis and Azurite and the fake Bot API, with a queue
/// and Redis keys of its own so tests running side by side can't see each other's messages or counters.
/// </summary>
internal sealed class NotificationTestBench : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private int _completed;

    private NotificationTestBench(FakeTelegramBotApi telegram, string queueName, TimeSpan retryVisibility)
    {
        Telegram = telegram;
        var prefix = $"test:{queueName}:";
        var configuration = TestConfiguration.Build(new Dictionary<string, string?>
        {
            ["Telegram:BotToken"] = telegram.Token,
            ["Telegram:ApiBaseUrl"] = telegram.BaseUrl,
            ["Notifications:RedisKeyPrefix"] = prefix,
        });
        var connectionString = configuration["AzureWebJobsStorage"]
            ?? throw new InvalidOperationException("AzureWebJobsStorage is not set");
        Queue = QueueHostEmulator.CreateClient(connectionString, queueName);
        PoisonQueue = QueueHostEmulator.CreateClient(connectionString, queueName + "-poison");
        _services = new ServiceCollection()
            .AddLogging(b => b.AddProvider(Logs).SetMinimumLevel(LogLevel.Debug))
            .AddTrustyTradeCore(configuration)
            .AddTrustyTradeInfrastructure(configuration)
            .AddSingleton<INotificationPublisher>(new StorageQueueNotificationPublisher(
                StorageQueues.Queue(connectionString, queueName)))
            .BuildServiceProvider();
        Function = ActivatorUtilities.CreateInstance<SendNotificationFunction>(_services);
        Host = new QueueHostEmulator(
            Queue,
            PoisonQueue,
            async (message, dequeueCount, ct) =>
            {
                await Function.SendNotification(message, dequeueCount, ct);
                Interlocked.Increment(ref _completed);
            },
            QueueHostSettings.FromHostJson(Path.Combine(RepositoryPaths.Root, "host.json"), retryVisibility));
    }

    public FakeTelegramBotApi Telegram { get; }

    public CapturedLogs Logs { get; } = new();

    public QueueClient Queue { get; }

    public QueueClient PoisonQueue { get; }

    public SendNotificationFunction Function { get; }

    public QueueHostEmulator Host { get; }

    public INotificationPublisher Publisher => _services.GetRequiredService<INotificationPublisher>();

    public INotificationJournal Journal => _services.GetRequiredService<INotificationJournal>();

    /// <summary>Runs of the function that returned (sent, deferred, duplicate or refused).</summary>
    public int Completed => Volatile.Read(ref _completed);

    /// <param name="retryVisibility">Time between attempts after a failure; host.json's 30 s is too long for a test.</param>
    public static async Task<NotificationTestBench> StartAsync(TimeSpan? retryVisibility = null)
    {
        var telegram = await FakeTelegramBotApi.StartAsync();
        var bench = new NotificationTestBench(telegram, $"notif-{Guid.NewGuid():N}"[..30], retryVisibility ?? TimeSpan.FromSeconds(1));
        await bench.Queue.CreateIfNotExistsAsync();
        await bench.PoisonQueue.CreateIfNotExistsAsync();
        return bench;
    }

    public async ValueTask DisposeAsync()
    {
        await Queue.DeleteIfExistsAsync();
        await PoisonQueue.DeleteIfExistsAsync();
        await _services.DisposeAsync();
        await Telegram.DisposeAsync();
    }
}
