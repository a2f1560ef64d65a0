using System.Globalization;
using TrustyTrade.IntegrationTests.Infrastructure;

namespace TrustyTrade.IntegrationTests.Notifications;

/// <summary>
/// Issue 4's demonstration: every notification delivered exactly once, within Telegram's limits. The sustained rate
/// (target ≥ 25/s) is a speed target, so the benchmark shows it (BENCH_PARTS=notifications), not a timed test.
/// </summary>
[Collection(DatabaseCollectionDefinition.Name)]
public sealed class NotificationThroughputTests(NotificationThroughputRun run) : IClassFixture<NotificationThroughputRun>
{
    [Fact]
    public void TwoThousandToTwoHundredChats_EachDeliveredExactlyOnce()
    {
        var expected = Enumerable.Range(1, NotificationThroughputRun.Count)
            .Select(i => (Chat: 10_000L + ((i - 1) % NotificationThroughputRun.Chats), Deal: i.ToString(CultureInfo.InvariantCulture)));
        var delivered = run.Delivered.Select(d => (Chat: d.ChatId, Deal: d.Text.Split('#', ':')[1]));

        Assert.Equal(expected.Order(), delivered.Order());
    }

    [Fact]
    public void TwoThousandToTwoHundredChats_SteadyStateProvokesNo429() =>
        Assert.True(run.Throttled == 0, $"{run.Throttled} answers 429, {run.ThrottledForBot} of them for the bot's 30/s");

    [Fact]
    public void TwoThousandToTwoHundredChats_NoAttemptFails() =>
        Assert.Equal(0, run.Failures);
}
