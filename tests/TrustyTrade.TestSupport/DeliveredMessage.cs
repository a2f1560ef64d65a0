namespace TrustyTrade.TestSupport;

/// <summary>A message the fake Bot API accepted.</summary>
public sealed record DeliveredMessage(long ChatId, string Text, DateTimeOffset At);
