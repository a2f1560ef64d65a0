namespace TrustyTrade.Core.Access.Telegram;

/// <summary>
/// The bot's token as Core receives it from the Telegram adapter's settings: the key Telegram signs sign-in data
/// with. Its value never leaves Core's verifier; ToString hides it so it can't reach a log by accident.
/// </summary>
public sealed class TelegramBotToken
{
    public TelegramBotToken(string value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new ArgumentException("The bot token is empty (Telegram:BotToken).", nameof(value));
        }

        Value = value;
    }

    internal string Value { get; }

    public override string ToString() => "TelegramBotToken { hidden }";
}
