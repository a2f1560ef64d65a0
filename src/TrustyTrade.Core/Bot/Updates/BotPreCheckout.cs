namespace TrustyTrade.Core.Bot.Updates;

/// <summary>Telegram asks whether a payment may go on; it must be answered within 10 seconds.</summary>
public sealed record BotPreCheckout(string Id, BotUser From, string Currency, long TotalAmount, string Payload);
