using Microsoft.Extensions.Logging;
using TrustyTrade.Core.Notifications;
using TrustyTrade.IntegrationTests.Infrastructure;

namespace TrustyTrade.IntegrationTests.Notifications;

/// <summary>
/// The queue-triggered sender (SendNotificationFunction) run by the host's stand-in against real Azurite and Redis
/// and the fake Bot API.
/// </summary>
[Collection(DatabaseCollectionDefinition.Name)]
public sealed class NotificationSenderTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task SendNotification_TooManyRequests_RequeuesWithRetryAfterAndDeliversOnce()
    {
        await using var bench = await NotificationTestBench.StartAsync();
        bench.Telegram.ThrottleNext(1, retryAfterSeconds: 2);
        var started = DateTimeOffset.UtcNow;
        await bench.Publisher.EnqueueAsync(NotificationBuilder.Paid(1, 501), TimeSpan.Zero, CancellationToken.None);

        await bench.Host.RunUntilAsync(2, () => bench.Telegram.Delivered.Count == 1, Timeout);

        Assert.Single(bench.Telegram.Throttled);
        var delivered = Assert.Single(bench.Telegram.Delivered);
        Assert.True(delivered.At - started >= TimeSpan.FromSeconds(2), $"delivered {delivered.At - started} after the 429, before retry_after");
        Assert.Equal(0, bench.Host.Failures);
    }

    [Fact]
    public async Task SendNotification_SameIdTwice_SendsOnce()
    {
        await using var bench = await NotificationTestBench.StartAsync();
        var notification = NotificationBuilder.Paid(2, 502);
        await bench.Publisher.EnqueueManyAsync([notification, notification, notification], CancellationToken.None);

        await bench.Host.RunUntilAsync(
            2, () => bench.Logs.Lines.Count(l => l.Message.Contains("was sent before", StringComparison.Ordinal)) == 2, Timeout);
        await Task.Delay(500);

        Assert.Single(bench.Telegram.Delivered);
    }

    [Fact]
    public async Task SendNotification_IdClaimedByAnotherSender_IsPutBackNotSent()
    {
        await using var bench = await NotificationTestBench.StartAsync();
        var notification = NotificationBuilder.Paid(3, 512);
        // A sender that claimed this id and is still sending, or died before marking it sent.
        await bench.Journal.TryClaimAsync(notification.Id, CancellationToken.None);

        await bench.Function.SendNotification(NotificationJson.Serialize(notification), 1, CancellationToken.None);

        Assert.Empty(bench.Telegram.Delivered);
        var putBack = (await bench.Queue.PeekMessagesAsync(10)).Value;
        Assert.Empty(putBack); // invisible: put back with a delay, not for the next poll
        Assert.Equal(1, (await bench.Queue.GetPropertiesAsync()).Value.ApproximateMessagesCount);
    }

    [Fact]
    public async Task SendNotification_SameChat_SpacesMessagesBySecondWithoutA429()
    {
        await using var bench = await NotificationTestBench.StartAsync();
        await bench.Publisher.EnqueueManyAsync([.. Enumerable.Range(10, 3).Select(i => NotificationBuilder.Paid(i, 503))], CancellationToken.None);

        await bench.Host.RunUntilAsync(3, () => bench.Telegram.Delivered.Count == 3, Timeout);

        var times = bench.Telegram.Delivered.Select(d => d.At).Order().ToList();
        Assert.Empty(bench.Telegram.Throttled);
        Assert.All(times.Zip(times.Skip(1)), pair => Assert.True(pair.Second - pair.First >= TimeSpan.FromSeconds(1), $"{pair.Second - pair.First} apart"));
    }

    [Fact]
    public async Task SendNotification_UserLanguage_PicksTheText()
    {
        await using var bench = await NotificationTestBench.StartAsync();
        await bench.Publisher.EnqueueManyAsync(
            [NotificationBuilder.Paid(20, 504, "en"), NotificationBuilder.Paid(21, 505, "ru"), NotificationBuilder.Paid(22, 506, "fr")],
            CancellationToken.None);

        await bench.Host.RunUntilAsync(2, () => bench.Telegram.Delivered.Count == 3, Timeout);

        var texts = bench.Telegram.Delivered.ToDictionary(d => d.ChatId, d => d.Text);
        Assert.Equal("Deal #20: payment of 120 XTR received and held by TrustyTrade until the deal completes.", texts[504]);
        Assert.Equal("Сделка #21: оплата 121 XTR получена и удерживается TrustyTrade до завершения сделки.", texts[505]);
        Assert.StartsWith("Сделка #22:", texts[506], StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendNotification_BlockedByUser_IsDroppedWithoutRetry()
    {
        await using var bench = await NotificationTestBench.StartAsync();
        bench.Telegram.FailChat(507, 403, "Forbidden: bot was blocked by the user");
        await bench.Publisher.EnqueueAsync(NotificationBuilder.Paid(30, 507), TimeSpan.Zero, CancellationToken.None);

        await bench.Host.RunUntilAsync(1, () => bench.Completed == 1, Timeout);

        Assert.Equal(0, bench.Host.Failures);
        Assert.Contains(bench.Logs.Lines, l => l.Level == LogLevel.Warning
            && l.Message.Contains("deal-30-paid", StringComparison.Ordinal) && l.Message.Contains("blocked", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SendNotification_KeepsFailing_EndsInPoisonWithAnOperatorLogLine()
    {
        await using var bench = await NotificationTestBench.StartAsync(retryVisibility: TimeSpan.FromMilliseconds(200));
        bench.Telegram.FailChat(508, 500, "Internal Server Error");
        await bench.Publisher.EnqueueAsync(NotificationBuilder.Paid(40, 508), TimeSpan.Zero, CancellationToken.None);

        await bench.Host.RunUntilAsync(1, () => bench.Host.Failures == 5, Timeout);

        var poisoned = Assert.Single((await bench.PoisonQueue.ReceiveMessagesAsync(10)).Value);
        Assert.Equal("deal-40-paid", NotificationJson.Deserialize(poisoned.MessageText).Id);
        var line = Assert.Single(bench.Logs.Lines, l => l.Level == LogLevel.Error);
        Assert.Contains("Notification deal-40-paid (DealPaid) to chat 508 failed 5 times and goes to the queue notifications-poison", line.Message, StringComparison.Ordinal);
        Assert.Contains("Internal Server Error", line.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendNotification_NotANotification_EndsInPoisonUnchanged()
    {
        await using var bench = await NotificationTestBench.StartAsync(retryVisibility: TimeSpan.FromMilliseconds(200));
        await bench.Queue.SendMessageAsync("""{"id":"x","chatId":1,"kind":"NoSuchKind"}""");

        await bench.Host.RunUntilAsync(1, () => bench.Host.Failures == 5, Timeout);

        var poisoned = Assert.Single((await bench.PoisonQueue.ReceiveMessagesAsync(10)).Value);
        Assert.Equal("""{"id":"x","chatId":1,"kind":"NoSuchKind"}""", poisoned.MessageText);
        Assert.Contains(bench.Logs.Lines, l => l.Level == LogLevel.Error && l.Message.Contains("(unreadable)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SendNotification_AnyOutcome_NeverLogsTheBotToken()
    {
        await using var bench = await NotificationTestBench.StartAsync(retryVisibility: TimeSpan.FromMilliseconds(200));
        bench.Telegram.FailChat(509, 500, "Internal Server Error");
        await bench.Publisher.EnqueueManyAsync([NotificationBuilder.Paid(50, 509), NotificationBuilder.Paid(51, 510)], CancellationToken.None);

        await bench.Host.RunUntilAsync(2, () => bench.Host.Failures == 5 && bench.Telegram.Delivered.Count == 1, Timeout);

        var secret = bench.Telegram.Token.Split(':')[1];
        Assert.DoesNotContain(bench.Logs.Lines, l => l.Message.Contains(secret, StringComparison.Ordinal)
            || (l.Exception?.ToString().Contains(secret, StringComparison.Ordinal) ?? false));
    }

    [Fact]
    public async Task EnqueueMany_OneInvalid_EnqueuesNothing()
    {
        await using var bench = await NotificationTestBench.StartAsync();
        var invalid = NotificationBuilder.Paid(60, 511) with { Amount = null };

        await Assert.ThrowsAsync<InvalidNotificationException>(() =>
            bench.Publisher.EnqueueManyAsync([NotificationBuilder.Paid(61, 511), invalid], CancellationToken.None));

        Assert.Equal(0, (await bench.Queue.GetPropertiesAsync()).Value.ApproximateMessagesCount);
    }
}
