using System.Globalization;
using Microsoft.Extensions.Options;
using TrustyTrade.Core.Listings;
using TrustyTrade.Core.Monetary;
using TrustyTrade.Core.Vault;

namespace TrustyTrade.Core.Bot.Conversations;

/// <summary>
/// Selling: game (a button or typed), title, description, currency, price, optional credentials for instant delivery,
/// then a preview to publish. The listing goes to the moderators; credentials are sealed the moment they arrive and
/// the message that held them is deleted from the chat.
/// </summary>
public sealed class SellWizard(ListingService listings, ICredentialVault vault, IOptions<BotOptions> options)
{
    private readonly IReadOnlyList<string> _games = options.Value.GameList;

    public static bool Owns(ConversationStep step) => step is ConversationStep.SellGame or ConversationStep.SellTitle
        or ConversationStep.SellDescription or ConversationStep.SellCurrency or ConversationStep.SellPrice
        or ConversationStep.SellCredentials or ConversationStep.SellPreview;

    /// <summary>The vault purpose of a draft's credentials: only this user's draft opens them.</summary>
    private static string DraftPurpose(long userId) => "sell-draft:" + userId.ToString(CultureInfo.InvariantCulture);

    public async Task StartAsync(Turn turn)
    {
        ArgumentNullException.ThrowIfNull(turn);
        turn.Become(turn.State with { Step = ConversationStep.SellGame, Draft = new SellDraft() });
        await turn.ShowAsync(turn.T("SellGame", ListingService.MaxGameLength), Screens.Games(_games, "sg", [Screens.Button(turn, "BtnCancel", "sx")]))
            .ConfigureAwait(false);
    }

    public async Task OnButtonAsync(Turn turn, string data)
    {
        ArgumentNullException.ThrowIfNull(turn);
        ArgumentNullException.ThrowIfNull(data);
        var draft = turn.State.Draft ?? new SellDraft();
        switch (data)
        {
            case "sx":
                await CancelAsync(turn).ConfigureAwait(false);
                return;
            case "sk" when turn.State.Step == ConversationStep.SellCredentials:
                await PreviewAsync(turn, draft).ConfigureAwait(false);
                return;
            case "sok" when turn.State.Step == ConversationStep.SellPreview:
                await PublishAsync(turn, draft).ConfigureAwait(false);
                return;
            case "sc:XTR" or "sc:USDT" when turn.State.Step == ConversationStep.SellCurrency:
                var currency = CurrencyExtensions.Parse(data[3..]);
                turn.Become(turn.State with { Step = ConversationStep.SellPrice, Draft = draft with { Currency = currency } });
                await turn.ShowAsync(turn.T("SellPrice", Screens.CurrencyName(turn, currency), Screens.Price(new Money(listings.MaxPrice(currency), currency))))
                    .ConfigureAwait(false);
                return;
        }

        if (Screens.Index(data, "sg", _games.Count) is { } index && turn.State.Step == ConversationStep.SellGame)
        {
            await GameChosenAsync(turn, draft, _games[index]).ConfigureAwait(false);
            return;
        }

        await turn.RefuseAsync(turn.T("StaleButton")).ConfigureAwait(false);
    }

    public async Task OnTextAsync(Turn turn, string text)
    {
        ArgumentNullException.ThrowIfNull(turn);
        ArgumentNullException.ThrowIfNull(text);
        var draft = turn.State.Draft ?? new SellDraft();
        var value = text.Trim();
        switch (turn.State.Step)
        {
            case ConversationStep.SellGame when await Screens.TooLongAsync(turn, value, ListingService.MaxGameLength).ConfigureAwait(false):
            case ConversationStep.SellTitle when await Screens.TooLongAsync(turn, value, ListingService.MaxTitleLength).ConfigureAwait(false):
            case ConversationStep.SellDescription when await Screens.TooLongAsync(turn, value, ListingService.MaxDescriptionLength).ConfigureAwait(false):
                return;
            case ConversationStep.SellGame:
                await GameChosenAsync(turn, draft, value).ConfigureAwait(false);
                return;
            case ConversationStep.SellTitle:
                turn.Become(turn.State with { Step = ConversationStep.SellDescription, Draft = draft with { Title = value } });
                await turn.SayAsync(turn.T("SellDescription", ListingService.MaxDescriptionLength), Cancel(turn)).ConfigureAwait(false);
                return;
            case ConversationStep.SellDescription:
                turn.Become(turn.State with { Step = ConversationStep.SellCurrency, Draft = draft with { Description = value } });
                await turn.SayAsync(turn.T("SellCurrency"), BotKeyboard.Of(
                    [new BotButton(turn.T("CurrencyStars"), "sc:XTR"), new BotButton(turn.T("CurrencyUsdt"), "sc:USDT")],
                    [Screens.Button(turn, "BtnCancel", "sx")])).ConfigureAwait(false);
                return;
            case ConversationStep.SellPrice when draft.Currency is { } currency:
                if (await Screens.ReadPriceAsync(turn, listings, value, currency).ConfigureAwait(false) is not { } price)
                {
                    return;
                }

                turn.Become(turn.State with { Step = ConversationStep.SellCredentials, Draft = draft with { Price = price.Amount } });
                await turn.SayAsync(turn.T("SellCredentials", ListingService.MaxCredentialsLength), BotKeyboard.Of(
                    [Screens.Button(turn, "BtnSkip", "sk")], [Screens.Button(turn, "BtnCancel", "sx")])).ConfigureAwait(false);
                return;
            case ConversationStep.SellCredentials:
                // The secret leaves the chat first, whatever happens next.
                await turn.DeleteAsync(turn.Message!.MessageId).ConfigureAwait(false);
                if (await Screens.TooLongAsync(turn, value, ListingService.MaxCredentialsLength).ConfigureAwait(false))
                {
                    return;
                }

                await PreviewAsync(turn, draft with { Credentials = vault.Encrypt(value, DraftPurpose(turn.User.Id)) }).ConfigureAwait(false);
                return;
            default:
                // Currency and preview wait for a button.
                await turn.SayAsync(turn.T("UseButtons")).ConfigureAwait(false);
                return;
        }
    }

    private static async Task GameChosenAsync(Turn turn, SellDraft draft, string game)
    {
        turn.Become(turn.State with { Step = ConversationStep.SellTitle, Draft = draft with { Game = game } });
        await turn.SayAsync(turn.T("SellTitle", game, ListingService.MaxTitleLength), Cancel(turn)).ConfigureAwait(false);
        await turn.FinishAsync().ConfigureAwait(false);
    }

    private static async Task PreviewAsync(Turn turn, SellDraft draft)
    {
        turn.Become(turn.State with { Step = ConversationStep.SellPreview, Draft = draft });
        var price = new Money(draft.Price ?? 0, draft.Currency ?? Currency.XTR);
        var delivery = turn.T(draft.Credentials is null ? "DeliveryManual" : "DeliveryInstant");
        await turn.SayAsync(turn.T("SellPreview", draft.Game, draft.Title, draft.Description, Screens.Price(price), delivery), BotKeyboard.Of(
            [Screens.Button(turn, "BtnPublish", "sok")], [Screens.Button(turn, "BtnCancel", "sx")])).ConfigureAwait(false);
        await turn.FinishAsync().ConfigureAwait(false);
    }

    private async Task PublishAsync(Turn turn, SellDraft draft)
    {
        if (draft is not { Game: { } game, Title: { } title, Description: { } description, Currency: { } currency, Price: { } amount })
        {
            await CancelAsync(turn).ConfigureAwait(false);
            return;
        }

        var credentials = draft.Credentials is { } sealedCredentials ? vault.Decrypt(sealedCredentials, DraftPurpose(turn.User.Id)) : null;
        var created = await listings.CreateAsync(
            turn.User.Id, new ListingDraft(game, title, description, new Money(amount, currency), credentials), turn.CancellationToken)
            .ConfigureAwait(false);
        if (created.Listing is not { } listing)
        {
            turn.Reset();
            await turn.RefuseAsync(turn.T("ListingRefused_" + created.Refusal!.Code)).ConfigureAwait(false);
            return;
        }

        await listings.SubmitAsync(listing.Id, turn.User.Id, turn.CancellationToken).ConfigureAwait(false);
        turn.Reset();
        await turn.ShowAsync(turn.T("SellSubmitted", listing.Id), BotKeyboard.Of(
            [Screens.Button(turn, "BtnMyListings", "ml")], Screens.BackToMenu(turn))).ConfigureAwait(false);
    }

    private static async Task CancelAsync(Turn turn)
    {
        turn.Reset();
        await turn.ShowAsync(turn.T("SellCancelled"), Screens.MainMenu(turn)).ConfigureAwait(false);
    }

    private static BotKeyboard Cancel(Turn turn) => BotKeyboard.Of([Screens.Button(turn, "BtnCancel", "sx")]);
}
