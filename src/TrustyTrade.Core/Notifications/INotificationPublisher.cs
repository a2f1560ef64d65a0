namespace TrustyTrade.Core.Notifications;

/// <summary>Puts notifications on the queue the notification sender reads.</summary>
public interface INotificationPublisher
{
    /// <summary>Adds a notification that becomes visible to the sender after <paramref name="delay"/>.</summary>
    Task EnqueueAsync(Notification notification, TimeSpan delay, CancellationToken cancellationToken);

    /// <summary>Adds notifications now; every one is checked before the first is sent to the queue.</summary>
    Task EnqueueManyAsync(IReadOnlyCollection<Notification> notifications, CancellationToken cancellationToken);
}
