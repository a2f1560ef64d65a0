namespace TrustyTrade.Core.Notifications;

/// <summary>Telegram's limits (messages per second per bot, one message per interval per chat), shared by every instance.</summary>
public interface INotificationRateLimiter
{
    /// <summary>Reserves the next send slot for <paramref name="chatId"/> if it starts within <paramref name="maxWait"/>.</summary>
    Task<RateReservation> TryReserveAsync(long chatId, TimeSpan maxWait, CancellationToken cancellationToken);
}
