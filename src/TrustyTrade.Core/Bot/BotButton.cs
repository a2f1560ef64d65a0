namespace TrustyTrade.Core.Bot;

/// <summary>An inline button: what it reads and the callback data (at most 64 bytes) it sends back when pressed.</summary>
public sealed record BotButton(string Text, string Data);
