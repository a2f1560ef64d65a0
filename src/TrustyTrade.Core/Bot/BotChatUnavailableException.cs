namespace TrustyTrade.Core.Bot;

/// <summary>
/// Telegram refused to deliver to a chat for good (the user blocked the bot, deleted their account, the chat does not
/// exist): asking again changes nothing, so the update is not retried for it.
/// </summary>
public sealed class BotChatUnavailableException : Exception
{
    public BotChatUnavailableException()
    {
    }

    public BotChatUnavailableException(string message)
        : base(message)
    {
    }

    public BotChatUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public long ChatId { get; init; }
}
