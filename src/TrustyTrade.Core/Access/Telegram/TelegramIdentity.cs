namespace TrustyTrade.Core.Access.Telegram;

/// <summary>Who Telegram vouches for after a Login Widget or Mini App sign-in, and when Telegram signed it.</summary>
public sealed record TelegramIdentity(long TelegramId, string? Username, string? FirstName, string? LanguageCode, DateTimeOffset AuthDate);
