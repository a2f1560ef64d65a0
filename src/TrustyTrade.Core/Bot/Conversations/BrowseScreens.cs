using System.Globalization;
using Microsoft.Extensions.Options;
using TrustyTrade.Core.Deals;
using TrustyTrade.Core.Listings;
using TrustyTrade.Core.Monetary;
using TrustyTrade.Core.Users;

namespace TrustyTrade.Core.Bot.Conversations;

/// <summary>
/// Browsing and search: a filter (game, currency, price range, words) kept in the conversation state, pages of active
/// listings with next/previous, and a listing's card with the seller's rating and completed deals.
/// </summary>
public sealed class BrowseScreens(ListingService listings, IUserStore users, IDealReader deals, IOptions<BotOptions> options)
{
    private const int MaxSearchTextLength = 100;

    private readonly IReadOnlyList<string> _games = options.Value.GameList;

    public static async Task FilterAsync(Turn turn)
    {
        ArgumentNullException.ThrowIfNull(turn);
        var filter = turn.State.Filter ?? new BrowseFilter();
        var any = turn.T("FilterAny");
        var range = (filter.MinPrice, filter.MaxPrice) switch
        {
            (null, null) => any,
            var (min, max) => $"{min?.ToString(CultureInfo.InvariantCulture) ?? "0"}–{max?.ToString(CultureInfo.InvariantCulture) ?? "∞"}",
        };
        var text = turn.T("BrowseFilter", filter.Game ?? any, filter.Currency is { } c ? Screens.CurrencyName(turn, c) : any, range,
            filter.Text ?? any);
        await turn.ShowAsync(text, BotKeyboard.Of(
            [Screens.Button(turn, "BtnFilterGame", "bgs"), Screens.Button(turn, "BtnFilterCurrency", "bc")],
            [Screens.Button(turn, "BtnFilterPrice", "bp"), Screens.Button(turn, "BtnFilterText", "bt")],
            [Screens.Button(turn, "BtnShowResults", "bn:0")],
            Screens.BackToMenu(turn))).ConfigureAwait(false);
    }

    public async Task OnButtonAsync(Turn turn, string data)
    {
        ArgumentNullException.ThrowIfNull(turn);
        ArgumentNullException.ThrowIfNull(data);
        var filter = turn.State.Filter ?? new BrowseFilter();
        switch (data)
        {
            case "b":
                await FilterAsync(turn).ConfigureAwait(false);
                return;
            case "bgs":
                await turn.ShowAsync(turn.T("ChooseGame"), Screens.Games(_games, "bg", [Screens.Button(turn, "FilterAny", "bg:-")])).ConfigureAwait(false);
                return;
            case "bg:-":
                await ChangeAsync(turn, filter with { Game = null }).ConfigureAwait(false);
                return;
            case "bc":
                var next = filter.Currency switch { null => Currency.XTR, Currency.XTR => Currency.USDT, _ => (Currency?)null };
                await ChangeAsync(turn, next is null ? filter with { Currency = null, MinPrice = null, MaxPrice = null } : filter with { Currency = next })
                    .ConfigureAwait(false);
                return;
            case "bp" when filter.Currency is null:
                await turn.RefuseAsync(turn.T("ChooseCurrencyFirst")).ConfigureAwait(false);
                return;
            case "bp":
                turn.Become(turn.State with { Step = ConversationStep.BrowsePrice });
                await turn.SayAsync(turn.T("EnterPriceRange", Screens.CurrencyName(turn, filter.Currency.Value))).ConfigureAwait(false);
                await turn.FinishAsync().ConfigureAwait(false);
                return;
            case "bt":
                turn.Become(turn.State with { Step = ConversationStep.BrowseText });
                await turn.SayAsync(turn.T("EnterSearchText", MaxSearchTextLength)).ConfigureAwait(false);
                await turn.FinishAsync().ConfigureAwait(false);
                return;
        }

        if (Screens.Index(data, "bg", _games.Count) is { } game)
        {
            await ChangeAsync(turn, filter with { Game = _games[game] }).ConfigureAwait(false);
        }
        else if (Screens.Index(data, "bn", 1000) is { } page)
        {
            await PageAsync(turn, filter, page).ConfigureAwait(false);
        }
        else if (Screens.Id(data, "v") is { } listingId)
        {
            await CardAsync(turn, listingId).ConfigureAwait(false);
        }
        else
        {
            await turn.RefuseAsync(turn.T("StaleButton")).ConfigureAwait(false);
        }
    }

    public static async Task OnTextAsync(Turn turn, string text)
    {
        ArgumentNullException.ThrowIfNull(turn);
        ArgumentNullException.ThrowIfNull(text);
        var filter = turn.State.Filter ?? new BrowseFilter();
        var value = text.Trim();
        if (turn.State.Step == ConversationStep.BrowseText)
        {
            if (await Screens.TooLongAsync(turn, value, MaxSearchTextLength).ConfigureAwait(false))
            {
                return;
            }

            turn.Become(turn.State with { Step = ConversationStep.Idle });
            await ChangeAsync(turn, filter with { Text = value is "-" or "" ? null : value }).ConfigureAwait(false);
            return;
        }

        if (value == "0")
        {
            turn.Become(turn.State with { Step = ConversationStep.Idle });
            await ChangeAsync(turn, filter with { MinPrice = null, MaxPrice = null }).ConfigureAwait(false);
            return;
        }

        var parts = value.Split('-', 2, StringSplitOptions.TrimEntries);
        decimal? min = parts[0].Length == 0 ? null : Screens.ParseAmount(parts[0]);
        decimal? max = parts.Length < 2 ? min : parts[1].Length == 0 ? null : Screens.ParseAmount(parts[1]);
        var valid = (parts[0].Length == 0 || min is >= 0) && (parts.Length < 2 || parts[1].Length == 0 || max is >= 0)
            && (min is not null || max is not null) && !(min > max);
        if (!valid)
        {
            await turn.SayAsync(turn.T("PriceRangeInvalid")).ConfigureAwait(false);
            return;
        }

        turn.Become(turn.State with { Step = ConversationStep.Idle });
        await ChangeAsync(turn, filter with { MinPrice = min, MaxPrice = max }).ConfigureAwait(false);
    }

    /// <summary>A listing's card for a buyer; from a deep link too.</summary>
    public async Task CardAsync(Turn turn, long listingId)
    {
        ArgumentNullException.ThrowIfNull(turn);
        var listing = await listings.FindAsync(listingId, turn.CancellationToken).ConfigureAwait(false);
        if (listing is not { Status: ListingStatus.Active })
        {
            await turn.RefuseAsync(turn.T("ListingNotForSale")).ConfigureAwait(false);
            return;
        }

        var seller = await users.FindAsync(listing.SellerId, turn.CancellationToken).ConfigureAwait(false);
        var sales = await deals.CountSalesAsync(listing.SellerId, turn.CancellationToken).ConfigureAwait(false);
        var rating = seller is { RatingsCount: > 0 } rated
            ? turn.T("SellerRating", rated.Rating.ToString("0.0", CultureInfo.InvariantCulture), rated.RatingsCount)
            : turn.T("SellerNotRated");
        var back = turn.State.Filter?.Pages is not null ? "bn:0" : "b";
        var rows = new List<IReadOnlyList<BotButton>>();
        if (listing.SellerId != turn.User.Id)
        {
            rows.Add([new BotButton(turn.T("BtnBuy", Screens.Price(listing.Price)), Screens.Data("buy", listing.Id))]);
        }

        rows.Add([Screens.Button(turn, "BtnBack", back)]);
        await turn.ShowAsync(turn.T("ListingCard", listing.Id, listing.Title, listing.Game, Screens.Price(listing.Price), listing.Description,
            rating, sales, turn.T(listing.HasCredentials ? "DeliveryInstant" : "DeliveryManual")), new BotKeyboard(rows)).ConfigureAwait(false);
    }

    private static async Task ChangeAsync(Turn turn, BrowseFilter filter)
    {
        turn.Become(turn.State with { Filter = filter with { Pages = null } });
        await FilterAsync(turn).ConfigureAwait(false);
    }

    private async Task PageAsync(Turn turn, BrowseFilter filter, int page)
    {
        var pages = filter.Pages ?? [];
        var after = page > 0 && page <= pages.Count ? ListingCursor.TryDecode(pages[page - 1], ListingSort.Newest) : null;
        if (after is null)
        {
            page = 0; // the first page, or an old button of another search: start from the top
        }

        var perPage = options.Value.ListingsPerPage;
        var (found, _) = await listings.SearchAsync(
            new ListingQuery(filter.Game, filter.Currency, filter.MinPrice, filter.MaxPrice, filter.Text, ListingSort.Newest, after, perPage),
            turn.CancellationToken).ConfigureAwait(false);
        if (found is null)
        {
            await turn.RefuseAsync(turn.T("SearchInvalid")).ConfigureAwait(false);
            return;
        }

        var known = pages.Take(page).ToList();
        if (found.Next is { } next)
        {
            known.Add(next.Encode());
        }

        turn.Become(turn.State with { Filter = filter with { Pages = known } });
        var rows = found.Items.Select(IReadOnlyList<BotButton> (l) =>
            [new BotButton($"{l.Title} · {l.Game} · {Screens.Price(l.Price)}", Screens.Data("v", l.Id))]).ToList();
        var navigation = new List<BotButton>();
        if (page > 0)
        {
            navigation.Add(Screens.Button(turn, "BtnPrevious", "bn:" + (page - 1).ToString(CultureInfo.InvariantCulture)));
        }

        if (found.Next is not null)
        {
            navigation.Add(Screens.Button(turn, "BtnNext", "bn:" + (page + 1).ToString(CultureInfo.InvariantCulture)));
        }

        if (navigation.Count > 0)
        {
            rows.Add(navigation);
        }

        rows.Add([Screens.Button(turn, "BtnFilter", "b"), Screens.Button(turn, "BtnMenu", "m")]);
        await turn.ShowAsync(found.Items.Count == 0 ? turn.T("NothingFound") : turn.T("SearchResults", page + 1), new BotKeyboard(rows))
            .ConfigureAwait(false);
    }
}
