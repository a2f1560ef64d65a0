using System.Text.Json;

namespace TrustyTrade.TestSupport;

/// <summary>A bot message as a chat shows it now: its id, its latest text and inline keyboard (edits applied).</summary>
public sealed record ChatMessage(long MessageId, string Text, JsonElement? ReplyMarkup);
