using System.Globalization;
using System.Resources;
using TrustyTrade.Core.Users;

namespace TrustyTrade.Core.Bot;

/// <summary>The bot's words, from BotTexts.resx (Russian) and BotTexts.en.resx (English).</summary>
public static class BotTexts
{
    private static readonly ResourceManager Resources = new("TrustyTrade.Core.Bot.BotTexts", typeof(BotTexts).Assembly);

    public static CultureInfo Culture(string language) =>
        CultureInfo.GetCultureInfo(language == UserLanguages.English ? UserLanguages.English : UserLanguages.Russian);

    /// <summary>The text named <paramref name="key"/> in <paramref name="language"/>; a missing key is a bug and throws.</summary>
    public static string Get(string language, string key, params object?[] arguments)
    {
        var culture = Culture(language);
        var template = Resources.GetString(key, culture) ?? throw new InvalidOperationException($"bot text '{key}' is missing");
        return arguments.Length == 0 ? template : string.Format(culture, template, arguments);
    }
}
