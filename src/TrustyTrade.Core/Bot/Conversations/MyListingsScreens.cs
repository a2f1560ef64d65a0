using Microsoft.Extensions.Options;
using TrustyTrade.Core.Deals;
using TrustyTrade.Core.Listings;

namespace TrustyTrade.Core.Bot.Conversations;

/// <summary>A seller's own listings: the list, a listing's card, a new price, removal.</summary>
public sealed class MyListingsScreens(ListingService listings, IOptions<BotOptions> options)
{
    public async Task ListAsync(Turn turn)
    {
        ArgumentNullException.ThrowIfNull(turn);
        var mine = await listings.ListMineAsync(turn.User.Id, options.Value.MineShown, turn.CancellationToken).ConfigureAwait(false);
        var rows = mine.Select(IReadOnlyList<BotButton> (l) =>
            [new BotButton($"#{l.Id} {l.Title} · {Screens.Price(l.Price)} · {turn.T("ListingStatus_" + l.Status)}", Screens.Data("l", l.Id))]).ToList();
        rows.Add([Screens.Button(turn, "BtnSell", "sell")]);
        rows.Add(Screens.BackToMenu(turn));
        await turn.ShowAsync(turn.T(mine.Count == 0 ? "MyListingsEmpty" : "MyListings"), new BotKeyboard(rows)).ConfigureAwait(false);
    }

    public async Task OnButtonAsync(Turn turn, string data)
    {
        ArgumentNullException.ThrowIfNull(turn);
        ArgumentNullException.ThrowIfNull(data);
        if (Screens.Id(data, "l") is { } shown)
        {
            await CardAsync(turn, shown).ConfigureAwait(false);
        }
        else if (Screens.Id(data, "lp") is { } priced && await OwnAsync(turn, priced).ConfigureAwait(false) is { } listing)
        {
            turn.Become(turn.State with { Step = ConversationStep.EditPrice, ListingId = listing.Id });
            await turn.SayAsync(turn.T("EnterNewPrice", listing.Id, Screens.CurrencyName(turn, listing.Price.Currency)),
                BotKeyboard.Of([Screens.Button(turn, "BtnCancel", "m")])).ConfigureAwait(false);
            await turn.FinishAsync().ConfigureAwait(false);
        }
        else if (Screens.Id(data, "lr") is { } removed && await OwnAsync(turn, removed).ConfigureAwait(false) is not null)
        {
            var result = await listings.RemoveAsync(removed, Actor.User(turn.User.Id), turn.CancellationToken).ConfigureAwait(false);
            if (!result.Succeeded)
            {
                await turn.RefuseAsync(turn.T("ListingRefused_" + result.Refusal!.Code)).ConfigureAwait(false);
                return;
            }

            await turn.ToastAsync(turn.T("ListingRemoved")).ConfigureAwait(false);
            await ListAsync(turn).ConfigureAwait(false);
        }
    }

    public async Task OnPriceTextAsync(Turn turn, string text)
    {
        ArgumentNullException.ThrowIfNull(turn);
        if (turn.State.ListingId is not { } listingId || await OwnAsync(turn, listingId).ConfigureAwait(false) is not { } listing)
        {
            turn.Reset();
            return;
        }

        if (await Screens.ReadPriceAsync(turn, listings, text, listing.Price.Currency).ConfigureAwait(false) is not { } price)
        {
            return;
        }

        var result = await listings.ChangePriceAsync(listingId, turn.User.Id, price, turn.CancellationToken).ConfigureAwait(false);
        turn.Reset();
        if (!result.Succeeded)
        {
            await turn.SayAsync(turn.T("ListingRefused_" + result.Refusal!.Code)).ConfigureAwait(false);
            return;
        }

        await turn.SayAsync(turn.T("PriceChanged", listingId, Screens.Price(price))).ConfigureAwait(false);
        await CardAsync(turn, listingId).ConfigureAwait(false);
    }

    private async Task CardAsync(Turn turn, long listingId)
    {
        if (await OwnAsync(turn, listingId).ConfigureAwait(false) is not { } listing)
        {
            return;
        }

        var rows = new List<IReadOnlyList<BotButton>>();
        if (listing.Status is ListingStatus.Draft or ListingStatus.PendingModeration or ListingStatus.Active)
        {
            rows.Add([Screens.Button(turn, "BtnChangePrice", Screens.Data("lp", listing.Id)), Screens.Button(turn, "BtnRemove", Screens.Data("lr", listing.Id))]);
        }

        rows.Add([Screens.Button(turn, "BtnBack", "ml")]);
        await turn.ShowAsync(turn.T("MyListingCard", listing.Id, listing.Title, listing.Game, Screens.Price(listing.Price),
            turn.T("ListingStatus_" + listing.Status), turn.T(listing.HasCredentials ? "DeliveryInstant" : "DeliveryManual")),
            new BotKeyboard(rows)).ConfigureAwait(false);
    }

    /// <summary>The listing when it is the user's own; else the user is told and null comes back.</summary>
    private async Task<Listing?> OwnAsync(Turn turn, long listingId)
    {
        var listing = await listings.FindAsync(listingId, turn.CancellationToken).ConfigureAwait(false);
        if (listing is null || listing.Status == ListingStatus.Removed)
        {
            await turn.RefuseAsync(turn.T("ListingRefused_NotFound")).ConfigureAwait(false);
            return null;
        }

        if (listing.SellerId != turn.User.Id)
        {
            await turn.RefuseAsync(turn.T("ListingRefused_NotOwner")).ConfigureAwait(false);
            return null;
        }

        return listing;
    }
}
