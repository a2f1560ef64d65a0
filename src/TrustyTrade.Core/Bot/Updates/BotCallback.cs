namespace TrustyTrade.Core.Bot.Updates;

/// <summary>A pressed inline button: its data and the message it sat under (absent when that message is too old).</summary>
public sealed record BotCallback(string Id, BotUser From, long? ChatId, long? MessageId, string Data);
