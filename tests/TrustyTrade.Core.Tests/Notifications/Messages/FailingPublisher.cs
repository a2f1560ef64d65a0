using TrustyTrade.Core.Notifications;

namespace TrustyTrade.Core.Tests.Notifications.Messages;

/// <summary>A queue that is down.</summary>
internal sealed class FailingPublisher : INotificationPublisher
{
    public Task EnqueueAsync(Notification notification, TimeSpan delay, CancellationToken cancellationToken) =>
        throw new InvalidOperationException("the queue is down");

    public Task EnqueueManyAsync(IReadOnlyCollection<Notification> notifications, CancellationToken cancellationToken) =>
        throw new InvalidOperationException("the queue is down");
}
