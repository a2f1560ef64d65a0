using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TrustyTrade.Core.Notifications;
using TrustyTrade.Core.Telemetry;
using TrustyTrade.Infrastructure.Notifications;

namespace TrustyTrade.Functions.Notifications;

/// <summary>
/// Sends the notifications on the <c>notifications</c> queue. Deferrals (rate limit, 429) put a copy back with a
/// visibility delay and return normally; an error that may pass throws, so the host retries it and, after
/// host.json's maxDequeueCount, moves it to <c>notifications-poison</c>, where it stays for an operator. The last
/// attempt logs the line the operator acts on.
/// </summary>
public sealed partial class SendNotificationFunction(
    NotificationDispatcher dispatcher,
    IOptions<NotificationOptions> options,
    BusinessMetrics metrics,
    ILogger<SendNotificationFunction> logger)
{
    [Function(nameof(SendNotification))]
    public async Task SendNotification(
        [QueueTrigger(NotificationQueues.Notifications)] string message,
        long dequeueCount,
        CancellationToken cancellationToken)
    {
        Notification? notification = null;
        try
        {
            notification = NotificationJson.Deserialize(message);
            await dispatcher.DispatchAsync(notification, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (dequeueCount >= options.Value.MaxDequeueCount && !cancellationToken.IsCancellationRequested)
        {
            // Names what failed and why; never the text (it is rebuilt from the message) or the token.
            LogGoesToPoison(
                e, notification?.Id ?? "(unreadable)", notification?.Kind.ToString() ?? "(unknown)", notification?.ChatId ?? 0,
                dequeueCount, NotificationQueues.Poison, Reason(e), NotificationQueues.Notifications);
            metrics.NotificationFailed(notification?.Kind, "poison");
            throw;
        }
    }

    private static string Reason(Exception e) => $"{e.GetType().Name}: {e.Message}";

    [LoggerMessage(Level = LogLevel.Error, Message =
        "Notification {NotificationId} ({Kind}) to chat {ChatId} failed {Attempts} times and goes to the queue {PoisonQueue}: {Reason}. " +
        "Fix the cause, then move the message back to {Queue} to send it (it is sent at most once: its id is remembered).")]
    private partial void LogGoesToPoison(
        Exception exception, string notificationId, string kind, long chatId, long attempts, string poisonQueue, string reason, string queue);
}
