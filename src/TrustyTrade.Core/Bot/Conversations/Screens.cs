using System.Globalization;
using TrustyTrade.Core.Listings;
using TrustyTrade.Core.Monetary;

namespace TrustyTrade.Core.Bot.Conversations;

/// <summary>Small pieces every screen uses: buttons by text key, the main menu, and how money, dates and prices read.</summary>
public static class Screens
{
    public static BotButton Button(Turn turn, string textKey, string data)
    {
        ArgumentNullException.ThrowIfNull(turn);
        return new BotButton(turn.T(textKey), data);
    }

    public static BotKeyboard MainMenu(Turn turn) => BotKeyboard.Of(
        [Button(turn, "BtnBrowse", "b"), Button(turn, "BtnSell", "sell")],
        [Button(turn, "BtnMyDeals", "d"), Button(turn, "BtnMyListings", "ml")],
        [Button(turn, "BtnBalance", "bal")],
        [Button(turn, "BtnLanguage", "lang"), Button(turn, "BtnHelp", "help")]);

    /// <summary>The configured games, two to a row, each pressing "prefix:index"; <paramref name="last"/> is the row under them.</summary>
    public static BotKeyboard Games(IReadOnlyList<string> games, string prefix, IReadOnlyList<BotButton> last)
    {
        ArgumentNullException.ThrowIfNull(games);
        var rows = games.Select((game, i) => new BotButton(game, prefix + ":" + i.ToString(CultureInfo.InvariantCulture)))
            .Chunk(2).Select(IReadOnlyList<BotButton> (row) => row).ToList();
        rows.Add(last);
        return new BotKeyboard(rows);
    }

    public static IReadOnlyList<BotButton> BackToMenu(Turn turn) => [Button(turn, "BtnMenu", "m")];

    /// <summary>"1500 ⭐", "12.5 USDT": Stars are whole, USDT without trailing zeros.</summary>
    public static string Price(Money money) => money.Currency == Currency.XTR
        ? $"{money.Amount.ToString("0", CultureInfo.InvariantCulture)} ⭐"
        : $"{money.Amount.ToString("0.######", CultureInfo.InvariantCulture)} USDT";

    public static string Moment(DateTimeOffset at, string language) =>
        at.UtcDateTime.ToString("dd.MM.yyyy HH:mm", BotTexts.Culture(language)) + " UTC";

    /// <summary>
    /// A typed amount: spaces between thousands and a decimal comma or point are fine ("1 500", "12,5"); a sign is read
    /// so "-5" is refused as not positive rather than as not a number. Null for anything else.
    /// </summary>
    public static decimal? ParseAmount(string? text)
    {
        if (string.IsNullOrWhiteSpace(text) || text.Length > 40)
        {
            return null;
        }

        var compact = text.Trim().Replace(" ", "", StringComparison.Ordinal).Replace("\u00a0", "", StringComparison.Ordinal).Replace(',', '.');
        return decimal.TryParse(compact, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            ? value
            : null;
    }

    public static string CurrencyName(Turn turn, Currency currency)
    {
        ArgumentNullException.ThrowIfNull(turn);
        return turn.T(currency == Currency.XTR ? "CurrencyStars" : "CurrencyUsdt");
    }

    /// <summary>Button data carrying an id: "prefix:42".</summary>
    public static string Data(string prefix, long id) => prefix + ":" + id.ToString(CultureInfo.InvariantCulture);

    /// <summary>The position in a list of <paramref name="count"/> after "prefix:" in button data, or null.</summary>
    public static int? Index(string data, string prefix, int count) => After(data, prefix) is { } index && index < count ? (int)index : null;

    /// <summary>The id after "prefix:" in button data, or null when the data is not that.</summary>
    public static long? Id(string data, string prefix) => After(data, prefix) is { } id && id > 0 ? id : null;

    /// <summary>True, after telling the user the limit, when <paramref name="value"/> is longer than <paramref name="max"/>.</summary>
    public static async Task<bool> TooLongAsync(Turn turn, string value, int max)
    {
        ArgumentNullException.ThrowIfNull(turn);
        ArgumentNullException.ThrowIfNull(value);
        if (value.Length <= max)
        {
            return false;
        }

        await turn.SayAsync(turn.T("TooLong", max)).ConfigureAwait(false);
        return true;
    }

    /// <summary>A typed price in <paramref name="currency"/>, or null after telling the user what is wrong with it.</summary>
    public static async Task<Money?> ReadPriceAsync(Turn turn, ListingService listings, string text, Currency currency)
    {
        ArgumentNullException.ThrowIfNull(turn);
        ArgumentNullException.ThrowIfNull(listings);
        var max = Screens.Price(new Money(listings.MaxPrice(currency), currency));
        if (Screens.ParseAmount(text) is not { } amount)
        {
            await turn.SayAsync(turn.T("PriceNotANumber", max)).ConfigureAwait(false);
            return null;
        }

        var price = new Money(amount, currency);
        if (listings.PriceProblem(price) is not null)
        {
            await turn.SayAsync(turn.T(currency == Currency.XTR ? "PriceOutOfRangeStars" : "PriceOutOfRangeUsdt", max)).ConfigureAwait(false);
            return null;
        }

        return price;
    }

    /// <summary>The unsigned number after "prefix:" in button data, or null.</summary>
    private static long? After(string data, string prefix)
    {
        ArgumentNullException.ThrowIfNull(data);
        return data.StartsWith(prefix + ":", StringComparison.Ordinal)
            && long.TryParse(data.AsSpan(prefix.Length + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            ? number
            : null;
    }
}
