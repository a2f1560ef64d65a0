using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace TrustyTrade.Core.Notifications;

/// <summary>
/// Sends one notification at most once and within Telegram's limits: claim its id → reserve a send slot (waiting in
/// process when it is near, else back on the queue with a visibility delay) → send → mark sent.
/// </summary>
/// <remarks>
/// Crash between send and mark: the claim is a lease (<see cref="NotificationOptions.ClaimLeaseSeconds"/>). While it
/// lasts, a retry of the same id is put back on the queue, not sent; once it has ended, a retry sends. So a sender that
/// dies in the few milliseconds after Telegram accepted a message and before the journal heard of it can cause one
/// duplicate. Telegram's sendMessage has no idempotency key, so the only alternative is to mark before sending, which
/// loses the notification instead on the same crash; a lost "you were paid" is worse than a repeated one. Every
/// answer that proves nothing was delivered (429, a refusal, a rate-limit deferral) gives the lease back at once;
/// an error after which the message may have been delivered (network, timeout, 5xx) keeps it until it ends.
/// </remarks>
public sealed partial class NotificationDispatcher(
    INotificationJournal journal,
    INotificationRateLimiter rateLimiter,
    ITelegramMessenger messenger,
    INotificationPublisher publisher,
    IOptions<NotificationOptions> options,
    TimeProvider time,
    ILogger<NotificationDispatcher> logger)
{
    private readonly NotificationOptions _options = options.Value;

    public async Task<DispatchOutcome> DispatchAsync(Notification notification, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notification);
        var text = NotificationTexts.Render(notification);

        var claim = await journal.TryClaimAsync(notification.Id, cancellationToken).ConfigureAwait(false);
        switch (claim.State)
        {
            case DeliveryClaimState.AlreadySent:
                LogAlreadySent(notification.Id);
                return DispatchOutcome.AlreadySent;
            case DeliveryClaimState.InFlight:
                await publisher.EnqueueAsync(notification, claim.RetryIn, cancellationToken).ConfigureAwait(false);
                LogDeferred(notification.Id, "another sender holds its claim", claim.RetryIn.TotalMilliseconds);
                return DispatchOutcome.Deferred;
        }

        // An exception from here on keeps the claim: after a network error, a timeout or a cancellation the message
        // may have reached Telegram, so a retry waits for the lease to end (see remarks).
        var slot = await ReserveSlotAsync(notification.ChatId, cancellationToken).ConfigureAwait(false);
        if (slot is { } wait)
        {
            await journal.ReleaseAsync(notification.Id, cancellationToken).ConfigureAwait(false);
            await publisher.EnqueueAsync(notification, wait, cancellationToken).ConfigureAwait(false);
            LogDeferred(notification.Id, "rate limit", wait.TotalMilliseconds);
            return DispatchOutcome.Deferred;
        }

        var result = await messenger.SendTextAsync(notification.ChatId, text, cancellationToken).ConfigureAwait(false);
        switch (result.Status)
        {
            case SendStatus.Delivered:
                await journal.MarkSentAsync(notification.Id, cancellationToken).ConfigureAwait(false);
                LogSent(notification.Id, notification.Kind, notification.ChatId);
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
                return DispatchOutcome.Rejected;
        }
    }

    /// <summary>Waits for a send slot when it is near; returns the delay to re-queue with when it is not.</summary>
    private async Task<TimeSpan?> ReserveSlotAsync(long chatId, CancellationToken cancellationToken)
    {
        var maxWait = TimeSpan.FromMilliseconds(_options.MaxWaitMilliseconds);
        var waited = TimeSpan.Zero;
        while (true)
        {
            var reservation = await rateLimiter.TryReserveAsync(chatId, maxWait - waited, cancellationToken).ConfigureAwait(false);
            if (reservation.Wait > TimeSpan.Zero)
            {
                if (!reservation.Reserved && waited + reservation.Wait > maxWait)
                {
                    return reservation.Wait;
                }

                await Task.Delay(reservation.Wait, time, cancellationToken).ConfigureAwait(false);
                waited += reservation.Wait;
            }

            if (reservation.Reserved)
            {
                return null;
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
