using Microsoft.Azure.Functions.Worker;
using TrustyTrade.Core.Bot;

namespace TrustyTrade.Functions.Bot;

/// <summary>Every hour: deletes the webhook's remembered update ids older than <c>Telegram__SeenUpdateHours</c>.</summary>
public sealed class SeenUpdateCleanupFunction(SeenUpdateCleanup cleanup)
{
    /// <summary>At minute 17 of every hour, away from the other timers' round minutes.</summary>
    public const string Schedule = "0 17 * * * *";

    [Function(nameof(CleanUpSeenUpdates))]
    public Task<int> CleanUpSeenUpdates([TimerTrigger(Schedule)] TimerInfo timer, CancellationToken cancellationToken) =>
        cleanup.RunAsync(cancellationToken);
}
