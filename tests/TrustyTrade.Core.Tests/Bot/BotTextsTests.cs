using System.Globalization;
using System.Resources;
using System.Text.RegularExpressions;
using TrustyTrade.Core.Bot;
using TrustyTrade.Core.DealRecords;
using TrustyTrade.Core.Deals;
using TrustyTrade.Core.Deals.Workflow;
using TrustyTrade.Core.Listings;

namespace TrustyTrade.Core.Tests.Bot;

public sealed partial class BotTextsTests
{
    private static readonly ResourceManager Resources = new("TrustyTrade.Core.Bot.BotTexts", typeof(BotTexts).Assembly);

    public static TheoryData<string> EnumKeys()
    {
        var keys = new TheoryData<string>();
        foreach (var status in Enum.GetValues<DealStatus>())
        {
            keys.Add("DealStatus_" + status);
            keys.Add($"Next_{status}_Buyer");
            keys.Add($"Next_{status}_Seller");
        }

        foreach (var key in Enum.GetNames<ListingStatus>().Select(n => "ListingStatus_" + n)
                     .Concat(Enum.GetNames<DealRefusalCode>().Select(n => "DealRefused_" + n))
                     .Concat(Enum.GetNames<ListingRefusalCode>().Select(n => "ListingRefused_" + n))
                     .Concat(Enum.GetNames<DealRecordOutcome>().Select(n => "RateRefused_" + n))
                     .Concat(Enum.GetNames<DealDeadlineKind>().Select(n => "Deadline_" + n)))
        {
            keys.Add(key);
        }

        return keys;
    }

    [Theory]
    [MemberData(nameof(EnumKeys))]
    public void EveryKeyBuiltFromAnEnum_HasATextInBothLanguages(string key)
    {
        Assert.False(string.IsNullOrWhiteSpace(BotTexts.Get("ru", key, "x")));
        Assert.False(string.IsNullOrWhiteSpace(BotTexts.Get("en", key, "x")));
    }

    [Fact]
    public void RussianAndEnglish_HaveTheSameKeysWithTheSamePlaceholders()
    {
        var russian = Texts(CultureInfo.InvariantCulture);
        var english = Texts(CultureInfo.GetCultureInfo("en"));

        Assert.Equal(russian.Keys.Order(), english.Keys.Order());
        var mismatched = russian.Keys.Where(k => !Placeholders(russian[k]).SetEquals(Placeholders(english[k])));
        Assert.Empty(mismatched);
    }

    [Fact]
    public void Russian_IsTheDefaultForAnUnknownLanguage() =>
        Assert.Equal(BotTexts.Get("ru", "Done"), BotTexts.Get("de", "Done"));

    [Fact]
    public void MissingKey_Throws() => Assert.Throws<InvalidOperationException>(() => BotTexts.Get("en", "NoSuchText"));

    private static Dictionary<string, string> Texts(CultureInfo culture)
    {
        using var set = Resources.GetResourceSet(culture, createIfNotExists: true, tryParents: false)!;
        return set.Cast<System.Collections.DictionaryEntry>().ToDictionary(e => (string)e.Key, e => (string)e.Value!);
    }

    private static HashSet<string> Placeholders(string text) => [.. PlaceholderPattern().Matches(text).Select(m => m.Value)];

    [GeneratedRegex(@"\{\d+\}")]
    private static partial Regex PlaceholderPattern();
}
