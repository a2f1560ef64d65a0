using System.Globalization;
using System.Resources;
using TrustyTrade.Core.Users;

namespace TrustyTrade.Core.Bot.Setup;

/// <summary>The bot's command menu and descriptions per language, from BotSetupTexts.resx (Russian) and BotSetupTexts.en.resx.</summary>
public static class BotSetupTexts
{
    /// <summary>The menu's commands, in the order the menu shows them.</summary>
    public static IReadOnlyList<string> Commands { get; } =
        ["start", "sell", "browse", "mydeals", "mylistings", "language", "help", "support"];

    private static readonly ResourceManager Resources =
        new("TrustyTrade.Core.Bot.Setup.BotSetupTexts", typeof(BotSetupTexts).Assembly);

    public static IReadOnlyList<BotCommandText> CommandsIn(string language) =>
        [.. Commands.Select(command => new BotCommandText(command, Text($"Command_{command}", language)))];

    /// <summary>What an empty chat with the bot shows (up to 512 characters).</summary>
    public static string Description(string language) => Text(nameof(Description), language);

    /// <summary>The bot's profile line and what a shared link shows (up to 120 characters).</summary>
    public static string ShortDescription(string language) => Text(nameof(ShortDescription), language);

    private static string Text(string key, string language) =>
        Resources.GetString(key, CultureInfo.GetCultureInfo(UserLanguages.IsSupported(language) ? language : UserLanguages.Russian))
        ?? throw new MissingManifestResourceException($"bot set-up text {key} is missing");
}
