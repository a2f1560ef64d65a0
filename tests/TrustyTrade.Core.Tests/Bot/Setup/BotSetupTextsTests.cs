using System.Collections;
using System.Globalization;
using System.Resources;
using System.Text.RegularExpressions;
using TrustyTrade.Core.Bot.Setup;
using TrustyTrade.Core.Users;

namespace TrustyTrade.Core.Tests.Bot.Setup;

public sealed partial class BotSetupTextsTests
{
    private static readonly ResourceManager Resources = new("TrustyTrade.Core.Bot.Setup.BotSetupTexts", typeof(BotSetupTexts).Assembly);

    public static TheoryData<string> Languages => [UserLanguages.Russian, UserLanguages.English];

    [Fact]
    public void RussianAndEnglishResources_HaveTheSameKeys()
    {
        Assert.Equal(Keys(CultureInfo.InvariantCulture), Keys(CultureInfo.GetCultureInfo(UserLanguages.English)));
    }

    [Fact]
    public void Resources_HaveATextForEveryCommandAndNothingElse()
    {
        string[] expected = [.. BotSetupTexts.Commands.Select(c => $"Command_{c}"), "Description", "ShortDescription"];

        Assert.Equal(expected.Order(StringComparer.Ordinal), Keys(CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Commands_AreWhatTelegramAccepts()
    {
        // Lowercase letters, digits and underscores, 1–32 of them; anything else makes setMyCommands refuse the menu.
        Assert.All(BotSetupTexts.Commands, command => Assert.Matches(CommandName(), command));
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public void CommandDescriptions_FitTelegramsLimit(string language)
    {
        Assert.All(BotSetupTexts.CommandsIn(language), c => Assert.InRange(c.Description.Length, 1, 256));
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public void Descriptions_FitTelegramsLimits(string language)
    {
        Assert.Equal((true, true), (BotSetupTexts.Description(language).Length <= 512, BotSetupTexts.ShortDescription(language).Length <= 120));
    }

    [Fact]
    public void English_IsNotTheRussianFallback()
    {
        // Guards against the satellite assembly going missing: English would then read Russian without a word.
        Assert.NotEqual(BotSetupTexts.Description(UserLanguages.Russian), BotSetupTexts.Description(UserLanguages.English));
    }

    [Fact]
    public void UnknownLanguage_ReadsRussian()
    {
        Assert.Equal(BotSetupTexts.CommandsIn(UserLanguages.Russian), BotSetupTexts.CommandsIn("de"));
    }

    private static string[] Keys(CultureInfo culture) =>
    [
        .. Resources.GetResourceSet(culture, createIfNotExists: true, tryParents: false)!
            .Cast<DictionaryEntry>()
            .Select(e => (string)e.Key)
            .Order(StringComparer.Ordinal),
    ];

    [GeneratedRegex("^[a-z0-9_]{1,32}$")]
    private static partial Regex CommandName();
}
