namespace TrustyTrade.Core.Notifications;

/// <summary>Sends one plain-text message to a chat through the Telegram Bot API.</summary>
public interface ITelegramMessenger
{
    Task<SendResult> SendTextAsync(long chatId, string text, CancellationToken cancellationToken);
}
