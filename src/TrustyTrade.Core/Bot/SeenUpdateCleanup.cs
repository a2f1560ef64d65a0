using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace TrustyTrade.Core.Bot;

/// <summary>
/// Forgets the update ids older than <see cref="TelegramWebhookOptions.SeenUpdateHours"/>: Telegram stops redelivering
/// an update after 24 hours, so past that window a remembered id only takes space. Deletes in bounded batches, each
/// its own short statement, so no run holds many row locks or one long transaction while the webhook inserts.
/// </summary>
public sealed partial class SeenUpdateCleanup(
    ISeenUpdateStore store, IOptions<TelegramWebhookOptions> options, TimeProvider clock, ILogger<SeenUpdateCleanup> logger)
{
    /// <summary>Rows one statement deletes at most.</summary>
    public const int BatchSize = 5_000;

    /// <summary>Deletes every id seen before the window, batch after batch; returns how many were deleted.</summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var cutoff = clock.GetUtcNow() - TimeSpan.FromHours(options.Value.SeenUpdateHours);
        var total = 0;
        int deleted;
        do
        {
            deleted = await store.DeleteSeenBeforeAsync(cutoff, BatchSize, cancellationToken).ConfigureAwait(false);
            total += deleted;
        }
        while (deleted == BatchSize);

        LogCleaned(total, cutoff);
        return total;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Telegram updates: {Count} ids seen before {Cutoff:O} forgotten")]
    private partial void LogCleaned(int count, DateTimeOffset cutoff);
}
