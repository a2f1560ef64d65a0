using System.Text.Json;

namespace TrustyTrade.TestSupport;

/// <summary>A message the fake Bot API accepted, with its reply_markup (inline keyboard) as sent, if any.</summary>
public sealed record DeliveredMessage(long ChatId, string Text, DateTimeOffset At, JsonElement? ReplyMarkup = null);
