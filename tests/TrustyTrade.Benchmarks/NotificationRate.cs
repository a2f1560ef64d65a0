using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using TrustyTrade.Core;
using TrustyTrade.Core.Monetary;
using TrustyTrade.Core.Notifications;
using TrustyTrade.Functions.Notifications;
using TrustyTrade.Infrastructure;
using TrustyTrade.Infrastructure.Notifications;
using TrustyTrade.Infrastructure.Storage;
using TrustyTrade.TestSupport;

namespace TrustyTrade.Benchmarks;

/// <summary>
/// Sustained notification rate: the app's queue-triggered sender, run by several stand-in host instances over Azurite
/// and Redis, against the fake Bot API that answers 429 beyond Telegram's limits (30/s per bot, 1/s per chat).
/// </summary>
internal static class NotificationRate
{
    public static async Task<NotificationRateResult> RunAsync(IConfiguration configuration, int count, int chats, int instances, string hostJsonPath)
    {
        await using var telegram = await FakeTelegramBotApi.StartAsync();
        var queueName = $"bench-notif-{Guid.NewGuid():N}"[..32];
        var overrides = new ConfigurationBuilder()
            .AddConfiguration(configuration)
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Telegram:BotToken"] = telegram.Token,
                ["Telegram:ApiBaseUrl"] = telegram.BaseUrl,
                ["Notifications:RedisKeyPrefix"] = $"bench:{queueName}:",
            })
            .Build();
        var connectionString = overrides["AzureWebJobsStorage"] ?? throw new InvalidOperationException("set AzureWebJobsStorage (scripts/bench.sh does)");
        await using var services = new ServiceCollection()
            .AddLogging(b => b.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning))
            .AddTrustyTradeCore(overrides)
            .AddTrustyTradeInfrastructure(overrides)
            .AddSingleton<INotificationPublisher>(new StorageQueueNotificationPublisher(
                StorageQueues.Queue(connectionString, queueName)))
            .BuildServiceProvider();
        var function = ActivatorUtilities.CreateInstance<SendNotificationFunction>(services);
        var queue = QueueHostEmulator.CreateClient(connectionString, queueName);
        var poison = QueueHostEmulator.CreateClient(connectionString, queueName + "-poison");
        try
        {
            var notifications = Enumerable.Range(1, count).Select(i => new Notification(
                $"bench-{i}", 1_000_000 + (i % chats), i % 2 == 0 ? "en" : "ru", NotificationKind.DealPaid,
                DealId: i, Amount: new Money(i, Currency.XTR))).ToList();
            await services.GetRequiredService<INotificationPublisher>().EnqueueManyAsync(notifications, CancellationToken.None);

            var host = new QueueHostEmulator(queue, poison, function.SendNotification, QueueHostSettings.FromHostJson(hostJsonPath));
            var clock = Stopwatch.StartNew();
            await host.RunUntilAsync(instances, () => telegram.Delivered.Count >= count, TimeSpan.FromMinutes(10));
            var elapsed = clock.Elapsed;
            await Task.Delay(TimeSpan.FromSeconds(1));

            var times = telegram.Delivered.Select(d => d.At).Order().ToList();
            var distinct = telegram.Delivered.Select(d => d.Text).Distinct(StringComparer.Ordinal).Count();
            return new NotificationRateResult(
                telegram.Delivered.Count, distinct, telegram.Throttled.Count, host.Failures, elapsed,
                (times.Count - 1) / (times[^1] - times[0]).TotalSeconds);
        }
        finally
        {
            await queue.DeleteIfExistsAsync();
            await poison.DeleteIfExistsAsync();
        }
    }
}
