using TrustyTrade.Core.Notifications;

namespace TrustyTrade.Core.Tests.Notifications;

/// <summary>A fake of Core's own <see cref="INotificationPublisher"/> that keeps what was queued, in order.</summary>
internal sealed class RecordingPublisher : INotificationPublisher
{
    public List<Notification> Notifications { get; } = [];

    /// <summary>How many calls queued something: a broadcast queues a page per call.</summary>
    public int Batches { get; private set; }

    public Task EnqueueAsync(Notification notification, TimeSpan delay, CancellationToken cancellationToken) =>
        EnqueueManyAsync([notification], cancellationToken);

    public Task EnqueueManyAsync(IReadOnlyCollection<Notification> notifications, CancellationToken cancellationToken)
    {
        // The real publisher checks every notification before queueing any; so does this one.
        if (notifications.Select(n => n.Problem()).FirstOrDefault(p => p is not null) is { } problem)
        {
            throw new InvalidNotificationException(problem);
        }

        Notifications.AddRange(notifications);
        Batches++;
        return Task.CompletedTask;
    }
}
