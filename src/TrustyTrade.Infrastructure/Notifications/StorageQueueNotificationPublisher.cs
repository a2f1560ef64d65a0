using Azure.Storage.Queues;
using TrustyTrade.Core.Notifications;
using TrustyTrade.Infrastructure.Storage;

namespace TrustyTrade.Infrastructure.Notifications;

/// <summary>Puts notifications on an Azure Storage queue as JSON (base64-encoded by the client, see <see cref="StorageQueues"/>).</summary>
internal sealed class StorageQueueNotificationPublisher(QueueClient queue) : INotificationPublisher
{
    /// <summary>Azure Storage's longest visibility delay.</summary>
    private static readonly TimeSpan MaxDelay = TimeSpan.FromDays(7) - TimeSpan.FromMinutes(1);

    private readonly Lazy<Task> _created = new(() => queue.CreateIfNotExistsAsync());

    public async Task EnqueueAsync(Notification notification, TimeSpan delay, CancellationToken cancellationToken)
    {
        var message = Checked(notification);
        await _created.Value.ConfigureAwait(false);
        var visibility = delay <= TimeSpan.Zero ? (TimeSpan?)null : (delay > MaxDelay ? MaxDelay : delay);
        await queue.SendMessageAsync(message, visibility, timeToLive: null, cancellationToken).ConfigureAwait(false);
    }

    public async Task EnqueueManyAsync(IReadOnlyCollection<Notification> notifications, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notifications);
        var messages = notifications.Select(Checked).ToList();
        await _created.Value.ConfigureAwait(false);
        await Parallel.ForEachAsync(
            messages,
            new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken },
            async (message, ct) => await queue.SendMessageAsync(message, ct).ConfigureAwait(false)).ConfigureAwait(false);
    }

    /// <summary>Refuses a notification the sender could never send before anything reaches the queue.</summary>
    private static string Checked(Notification notification)
    {
        ArgumentNullException.ThrowIfNull(notification);
        var problem = notification.Problem();
        return problem is null
            ? NotificationJson.Serialize(notification)
            : throw new InvalidNotificationException($"notification {notification.Id}: {problem}");
    }
}
