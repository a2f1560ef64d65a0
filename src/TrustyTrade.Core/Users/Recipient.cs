namespace TrustyTrade.Core.Users;

/// <summary>Who a message to many users goes to: the user, their Telegram chat and the language they read.</summary>
public sealed record Recipient(long UserId, long TelegramId, string Language);
