using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace TrustyTrade.Core.IntegrationEvents;

/// <summary>
/// Deletes outbox events older than <see cref="IntegrationEventOptions.RetentionDays"/>: those published that long ago
/// when a broker is configured (unpublished ones wait for it however old), and every event that old when none is, as
/// nothing will ever publish them. In bounded batches, each its own statement.
/// </summary>
public sealed partial class IntegrationEventCleanup(
    IIntegrationEventOutbox outbox,
    IOptions<IntegrationEventOptions> options,
    TimeProvider clock,
    ILogger<IntegrationEventCleanup> logger)
{
    public const int BatchSize = 5_000;

    /// <summary>Returns how many events were deleted.</summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var before = clock.GetUtcNow() - settings.Retention;
        var total = 0;
        int deleted;
        do
        {
            deleted = settings.IsPublishing
                ? await outbox.DeletePublishedBeforeAsync(before, BatchSize, cancellationToken).ConfigureAwait(false)
                : await outbox.DeleteOccurredBeforeAsync(before, BatchSize, cancellationToken).ConfigureAwait(false);
            total += deleted;
        }
        while (deleted == BatchSize);

        LogCleaned(total);
        return total;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Integration events: {Count} old events deleted")]
    private partial void LogCleaned(int count);
}
