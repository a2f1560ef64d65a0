using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TrustyTrade.Core.Telemetry;

namespace TrustyTrade.Core.Notifications;

/// <summary>
/// Sends one notification at most once and within Telegram's limits: claim its id → reserve a send slot (waiting in
/// process when it is near, else back on the queue with a visibility delay) → send → mark sent.
/// </summary>
/// <remarks>
/// Duplicates of one id (the same notification enqueued twice) are sent once: while one sender holds the claim, the
/// others are put back on the queue and then find the id marked sent. Crash between send and mark: the claim is a
/// lease (<see cref="NotificationOptions.ClaimLeaseSeconds"/>); once it has ended, a retry sends. So a sender that
/// dies in the few milliseconds after Telegram accepted a message and before the journal heard of it causes one
/// repeat; so does a timeout whose request Telegram did carry out (the claim is released on every error so the
/// queue's retries and poison queue work). Telegram's sendMessage has no idempotency key, so the only alternative is
/// to mark before sending, which loses the notification instead in those cases; a lost "you were paid" is worse than
/// a repeated one.
/// </remarks>
public sealed partial class NotificationDispatcher(
    INotificationJournal journal,
    INotificationRateLimiter rateLimiter,
    ITelegramMessenger messenger,
    INotificationPublisher publisher,
    IOptions<NotificationOptions> options,
    TimeProvider time,
    ILogger<NotificationDispatcher> logger,
    BusinessMetrics metrics)
{
    private static readonly TimeSpan InFlightRecheck = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan MaxLateness = TimeSpan.FromMilliseconds(20);

    private readonly NotificationOptions _options = options.Value;

    public async Task<DispatchOutcome> DispatchAsync(Notification notification, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notification);
        var text = NotificationTexts.Render(notification, time.GetUtcNow());

        var claim = await journal.TryClaimAsync(notification.Id, cancellationToken).ConfigureAwait(false);
        switch (claim.State)
        {
            case DeliveryClaimState.AlreadySent:
                LogAlreadySent(notification.Id);
                return DispatchOutcome.AlreadySent;
            case DeliveryClaimState.InFlight:
                // The holder is done within its wait for a slot plus one request, unless it died: look again soon.
                var recheck = claim.RetryIn < InFlightRecheck ? claim.RetryIn : InFlightRecheck;
                await publisher.EnqueueAsync(notification, recheck, cancellationToken).ConfigureAwait(false);
                LogDeferred(notification.Id, "another sender holds its claim", recheck.TotalMilliseconds);
                return DispatchOutcome.Deferred;
        }

        SendResult result;
        try
        {
            var slot = await ReserveSlotAsync(notification.ChatId, cancellationToken).ConfigureAwait(false);
            if (slot is { } wait)
            {
                await journal.ReleaseAsync(notification.Id, cancellationToken).ConfigureAwait(false);
                await publisher.EnqueueAsync(notification, wait, cancellationToken).ConfigureAwait(false);
                LogDeferred(notification.Id, "rate limit", wait.TotalMilliseconds);
                return DispatchOutcome.Deferred;
            }

            result = await messenger.SendTextAsync(notification.ChatId, text, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            // The queue retries this message (and parks it in the poison queue at last), so the retry must not find
            // its own claim. See remarks for the error after which Telegram may have delivered all the same.
            await journal.ReleaseAsync(notification.Id, CancellationToken.None).ConfigureAwait(false);
            throw;
        }

        switch (result.Status)
        {
            case SendStatus.Delivered:
                await journal.MarkSentAsync(notification.Id, cancellationToken).ConfigureAwait(false);
                LogSent(notification.Id, notification.Kind, notification.ChatId);
                metrics.NotificationSent(notification.Kind);
                return DispatchOutcome.Sent;
            case SendStatus.TooManyRequests:
                await journal.ReleaseAsync(notification.Id, cancellationToken).ConfigureAwait(false);
                await publisher.EnqueueAsync(notification, result.RetryAfter, cancellationToken).ConfigureAwait(false);
                LogDeferred(notification.Id, "Telegram answered 429", result.RetryAfter.TotalMilliseconds);
                return DispatchOutcome.Deferred;
            default:
                // Refused for good: remember it as done so a duplicate doesn't ask again, and drop it.
                await journal.MarkSentAsync(notification.Id, cancellationToken).ConfigureAwait(false);
                LogRejected(notification.Id, notification.Kind, notification.ChatId, result.Reason);
                metrics.NotificationFailed(notification.Kind, "rejected");
                return DispatchOutcome.Rejected;
        }
    }

    /// <summary>Waits for a send slot when it is near; returns the delay to re-queue with when it is not.</summary>
    /// <remarks>
    /// Slots are spaced evenly, so a send that goes out late bunches with the next ones and can exceed Telegram's
    /// per-second limit. A sender that wakes more than <see cref="MaxLateness"/> after its slot (a busy machine)
    /// lets the slot go unused and reserves another rather than send late.
    /// </remarks>
    private async Task<TimeSpan?> ReserveSlotAsync(long chatId, CancellationToken cancellationToken)
    {
        var maxWait = TimeSpan.FromMilliseconds(_options.MaxWaitMilliseconds);
        var started = time.GetTimestamp();
        while (true)
        {
            var waited = time.GetElapsedTime(started);
            var left = waited < maxWait ? maxWait - waited : TimeSpan.Zero;
            var reservation = await rateLimiter.TryReserveAsync(chatId, left, cancellationToken).ConfigureAwait(false);
            var answered = time.GetTimestamp();
            if (!reservation.Reserved && reservation.Wait > left)
            {
                return reservation.Wait;
            }

            if (reservation.Wait > TimeSpan.Zero)
            {
                await Task.Delay(reservation.Wait, time, cancellationToken).ConfigureAwait(false);
            }

            if (reservation.Reserved && time.GetElapsedTime(answered) - reservation.Wait <= MaxLateness)
            {
                return null;
            }

            if (reservation.Reserved && time.GetElapsedTime(started) >= maxWait)
            {
                // Missed slots for the whole wait: put it back rather than hold a worker.
                return TimeSpan.FromSeconds(1);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Notification {NotificationId} ({Kind}) sent to chat {ChatId}")]
    private partial void LogSent(string notificationId, NotificationKind kind, long chatId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Notification {NotificationId} was sent before; not sending it again")]
    private partial void LogAlreadySent(string notificationId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Notification {NotificationId} put back on the queue ({Reason}) for {DelayMilliseconds} ms")]
    private partial void LogDeferred(string notificationId, string reason, double delayMilliseconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Notification {NotificationId} ({Kind}) to chat {ChatId} refused by Telegram and dropped: {Reason}")]
    private partial void LogRejected(string notificationId, NotificationKind kind, long chatId, string? reason);
}
