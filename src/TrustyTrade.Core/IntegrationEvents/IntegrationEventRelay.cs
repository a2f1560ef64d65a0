using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace TrustyTrade.Core.IntegrationEvents;

/// <summary>
/// Moves the outbox's events to the broker: claims a batch, sends it, marks it published, until the outbox has none
/// due. A failed send keeps its batch with the attempt and the error, due again after a growing delay. When no broker
/// is configured nothing is sent (the clean-up drops the events after the retention). Delivery is at least once: a
/// crash between the send and the mark sends the batch again, under the same message ids, which the topic's
/// duplicate detection drops.
/// </summary>
public sealed partial class IntegrationEventRelay(
    IIntegrationEventOutbox outbox,
    IIntegrationEventSender sender,
    IOptions<IntegrationEventOptions> options,
    TimeProvider clock,
    ILogger<IntegrationEventRelay> logger)
{
    /// <summary>Bounds one run, so a timer's run ends even while events keep coming; the next run goes on.</summary>
    public const int MaxBatchesPerRun = 20;

    private const int MaxErrorLength = 1000;

    public static TimeSpan FirstRetryDelay { get; } = TimeSpan.FromSeconds(10);

    public static TimeSpan MaxRetryDelay { get; } = TimeSpan.FromMinutes(10);

    /// <summary>Returns how many events were published.</summary>
    public async Task<int> PublishAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (!settings.IsPublishing)
        {
            return 0;
        }

        var published = 0;
        for (var batch = 0; batch < MaxBatchesPerRun; batch++)
        {
            await using var claim = await outbox.ClaimAsync(settings.BatchSize, clock.GetUtcNow(), cancellationToken).ConfigureAwait(false);
            var events = claim.Events;
            if (events.Count == 0)
            {
                break;
            }

            try
            {
                await sender.SendAsync(events, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogSendFailed(e, events.Count, events[0].Id);
                await claim.MarkFailedAsync(Describe(e), clock.GetUtcNow(), FirstRetryDelay, MaxRetryDelay, cancellationToken).ConfigureAwait(false);
                break;
            }

            await claim.MarkPublishedAsync(clock.GetUtcNow(), cancellationToken).ConfigureAwait(false);
            published += events.Count;
            if (events.Count < settings.BatchSize)
            {
                break;
            }
        }

        if (published > 0)
        {
            LogPublished(published);
        }

        return published;
    }

    private static string Describe(Exception e)
    {
        var text = $"{e.GetType().Name}: {e.Message}";
        return text.Length <= MaxErrorLength ? text : text[..MaxErrorLength];
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Integration events: {Count} published")]
    private partial void LogPublished(int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Integration events: sending {Count} (first {EventId}) failed; they stay in the outbox for a retry")]
    private partial void LogSendFailed(Exception exception, int count, Guid eventId);
}
