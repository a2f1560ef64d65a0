namespace TrustyTrade.Core.Notifications;

/// <summary>
/// Remembers, by notification id and across instances, which notifications are being sent and which were sent.
/// A claim is a lease: if its holder dies before it marks the notification sent or releases it, the lease ends by
/// itself and another attempt may send.
/// </summary>
public interface INotificationJournal
{
    Task<DeliveryClaim> TryClaimAsync(string notificationId, CancellationToken cancellationToken);

    Task MarkSentAsync(string notificationId, CancellationToken cancellationToken);

    /// <summary>Gives the lease back when the notification surely was not delivered, so a retry needn't wait for it.</summary>
    Task ReleaseAsync(string notificationId, CancellationToken cancellationToken);
}
