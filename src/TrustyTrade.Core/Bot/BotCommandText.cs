namespace TrustyTrade.Core.Bot;

/// <summary>A command in the bot's menu: the command without the slash and what it does, in one language.</summary>
public sealed record BotCommandText(string Command, string Description);
