namespace TrustyTrade.Core.Users;

/// <summary>Who a Telegram update says the sender is: id, @username (may be absent) and the app's language code.</summary>
public sealed record TelegramProfile(long TelegramId, string? Username, string? LanguageCode);
