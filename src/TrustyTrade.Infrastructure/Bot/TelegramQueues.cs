namespace TrustyTrade.Infrastructure.Bot;

/// <summary>The Storage queue admitted Telegram updates wait on for the queue-triggered processor, and its poison queue.</summary>
public static class TelegramQueues
{
    public const string Updates = "telegram-updates";

    public const string Poison = Updates + "-poison";
}
