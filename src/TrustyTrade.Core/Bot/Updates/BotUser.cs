namespace TrustyTrade.Core.Bot.Updates;

/// <summary>Who sent an update: Telegram user id, @username (may be absent), the app's language code.</summary>
public sealed record BotUser(long Id, string? Username, string? LanguageCode, bool IsBot);
