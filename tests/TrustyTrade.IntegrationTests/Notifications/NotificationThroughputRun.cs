using System.Diagnostics;

namespace TrustyTrade.IntegrationTests.Notifications;

/// <summary>
/// One run, shared by the assertions about it (it takes over a minute): 2,000 notifications to 200 chats, sent by
/// three stand-in host instances at once, against the fake Bot API that enforces Telegram's limits.
/// </summary>
public sealed class NotificationThroughputRun : IAsyncLifetime
{
    public const int Chats = 200;
    public const int PerChat = 10;
    public const int Count = Chats * PerChat;

    public IReadOnlyList<TestSupport.DeliveredMessage> Delivered { get; private set; } = [];

    public int Throttled { get; private set; }

    public int ThrottledForBot { get; private set; }

    public int Failures { get; private set; }

    public TimeSpan Elapsed { get; private set; }

    public async Task InitializeAsync()
    {
        await using var bench = await NotificationTestBench.StartAsync();
        // Round robin over the chats, as deal events of many users interleave.
        var notifications = Enumerable.Range(0, Count).Select(i => NotificationBuilder.Paid(dealId: i + 1, chatId: 10_000 + (i % Chats))).ToList();
        await bench.Publisher.EnqueueManyAsync(notifications, CancellationToken.None);

        var clock = Stopwatch.StartNew();
        await bench.Host.RunUntilAsync(3, () => bench.Telegram.Delivered.Count >= Count, TimeSpan.FromMinutes(4));
        Elapsed = clock.Elapsed;
        // Anything still in flight (a duplicate send would show up here).
        await Task.Delay(TimeSpan.FromSeconds(1));

        Delivered = [.. bench.Telegram.Delivered];
        Throttled = bench.Telegram.Throttled.Count;
        ThrottledForBot = bench.Telegram.ThrottledForBot;
        Failures = bench.Host.Failures;
    }

    public Task DisposeAsync() => Task.CompletedTask;
}
