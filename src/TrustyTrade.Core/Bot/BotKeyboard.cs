namespace TrustyTrade.Core.Bot;

/// <summary>An inline keyboard: rows of buttons under a message.</summary>
public sealed record BotKeyboard(IReadOnlyList<IReadOnlyList<BotButton>> Rows)
{
    public static BotKeyboard Of(params IReadOnlyList<BotButton>[] rows) => new(rows);
}
