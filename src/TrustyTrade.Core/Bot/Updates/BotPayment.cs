namespace TrustyTrade.Core.Bot.Updates;

/// <summary>A successful payment: the invoice's payload and Telegram's charge id (the key that makes it count once).</summary>
public sealed record BotPayment(string Currency, long TotalAmount, string Payload, string TelegramChargeId);
