using System.Globalization;
using Microsoft.Extensions.Options;
using TrustyTrade.Core.DealRecords;
using TrustyTrade.Core.Deals;
using TrustyTrade.Core.Deals.Workflow;
using TrustyTrade.Core.Idempotency;
using TrustyTrade.Core.Listings;
using TrustyTrade.Core.Monetary;
using TrustyTrade.Core.Users;

namespace TrustyTrade.Core.Bot.Conversations;

/// <summary>
/// A user's deals: the list, a deal's card with the next step and deadline, and what each side may do on it — buy,
/// pay, cancel, deliver (credentials typed in the chat are sealed and the message deleted), see the credentials,
/// confirm, ask for a refund, open a dispute with a reason, chat through the bot, rate.
/// </summary>
public sealed class DealScreens(
    IDealReader reader,
    ListingService listings,
    DealRecordService records,
    IUserStore users,
    CryptoPayScreen cryptoPay,
    TimeProvider timeProvider,
    IOptions<BotOptions> options)
{
    private const int MaxReasonLength = 1000;

    public async Task ListAsync(Turn turn)
    {
        ArgumentNullException.ThrowIfNull(turn);
        var mine = await reader.ListForUserAsync(turn.User.Id, options.Value.MineShown, turn.CancellationToken).ConfigureAwait(false);
        var rows = mine.Select(IReadOnlyList<BotButton> (s) =>
        [
            new BotButton(
                $"#{s.Deal.Id} {s.Title} · {turn.T(s.Deal.BuyerId == turn.User.Id ? "RoleBuyer" : "RoleSeller")} · {turn.T("DealStatus_" + s.Deal.Status)}",
                Screens.Data("d", s.Deal.Id)),
        ]).ToList();
        rows.Add(Screens.BackToMenu(turn));
        await turn.ShowAsync(turn.T(mine.Count == 0 ? "MyDealsEmpty" : "MyDeals"), new BotKeyboard(rows)).ConfigureAwait(false);
    }

    public async Task BuyAsync(Turn turn, long listingId)
    {
        ArgumentNullException.ThrowIfNull(turn);
        var result = await turn.Deals.BuyAsync(
            new IdentifiedCommand<BuyListing>(turn.ButtonKey("buy", listingId), new BuyListing(listingId, turn.User.Id)), turn.CancellationToken)
            .ConfigureAwait(false);
        if (result.Deal is not { } deal)
        {
            await turn.RefuseAsync(turn.T("DealRefused_" + result.Refusal!.Code)).ConfigureAwait(false);
            return;
        }

        await turn.ToastAsync(turn.T("DealOpened", deal.Id)).ConfigureAwait(false);
        await CardAsync(turn, deal.Id).ConfigureAwait(false);
    }

    public async Task CardAsync(Turn turn, long dealId)
    {
        ArgumentNullException.ThrowIfNull(turn);
        if (await PartyAsync(turn, dealId).ConfigureAwait(false) is not { } summary)
        {
            return;
        }

        await turn.ShowAsync(CardText(turn, summary), Buttons(turn, summary)).ConfigureAwait(false);
    }

    /// <summary>A deal button: "a:{action}:{dealId}", or "rt:{dealId}:{score}" for a rating.</summary>
    public async Task OnButtonAsync(Turn turn, string data)
    {
        ArgumentNullException.ThrowIfNull(turn);
        ArgumentNullException.ThrowIfNull(data);
        var parts = data.Split(':');
        if (parts.Length != 3 || !long.TryParse(parts[parts[0] == "rt" ? 1 : 2], NumberStyles.None, CultureInfo.InvariantCulture, out var dealId))
        {
            await turn.RefuseAsync(turn.T("StaleButton")).ConfigureAwait(false);
            return;
        }

        if (parts[0] == "rt")
        {
            await RateAsync(turn, dealId, parts[2]).ConfigureAwait(false);
            return;
        }

        if (await PartyAsync(turn, dealId).ConfigureAwait(false) is not { } summary)
        {
            return;
        }

        var action = parts[1];
        switch (action)
        {
            case "cancel":
                await ActAsync(turn, summary, new CancelDeal(), turn.ButtonKey(action, dealId)).ConfigureAwait(false);
                return;
            case "ok":
                await ActAsync(turn, summary, new ConfirmReceipt(), turn.ButtonKey(action, dealId)).ConfigureAwait(false);
                return;
            case "ref":
                await ActAsync(turn, summary, new RefundUndelivered(), turn.ButtonKey(action, dealId)).ConfigureAwait(false);
                return;
            case "dlv" when summary.HasCredentials:
                await ActAsync(turn, summary, new DeliverAccount(), turn.ButtonKey(action, dealId)).ConfigureAwait(false);
                return;
            case "dlv" when summary.Deal.Status == DealStatus.Paid && summary.Deal.SellerId == turn.User.Id:
                await AskAsync(turn, ConversationStep.DeliverCredentials, dealId, turn.T("EnterCredentials", dealId, ListingService.MaxCredentialsLength))
                    .ConfigureAwait(false);
                return;
            case "dsp":
                await AskAsync(turn, ConversationStep.DisputeReason, dealId, turn.T("EnterDisputeReason", dealId, MaxReasonLength)).ConfigureAwait(false);
                return;
            case "chat":
                await AskAsync(turn, ConversationStep.Chat, dealId, turn.T("ChatStarted", dealId)).ConfigureAwait(false);
                return;
            case "crd":
                await RevealAsync(turn, summary).ConfigureAwait(false);
                return;
            case "pay" when summary.Deal.BuyerId != turn.User.Id || summary.Deal.Status != DealStatus.AwaitingPayment:
                await turn.RefuseAsync(turn.T("DealRefused_NotAllowedInStatus")).ConfigureAwait(false);
                return;
            case "pay" when summary.Deal.Price.Currency == Currency.USDT:
                await cryptoPay.ShowAsync(turn, summary).ConfigureAwait(false);
                return;
            case "pay":
                await StarsCheckout.SendInvoiceAsync(turn, summary).ConfigureAwait(false);
                return;
            case "rate":
                await turn.ShowAsync(turn.T("ChooseScore", dealId), BotKeyboard.Of(
                    [.. Enumerable.Range(1, 5).Select(n => new BotButton(new string('★', n), $"rt:{dealId}:{n}"))],
                    [Screens.Button(turn, "BtnBack", Screens.Data("d", dealId))])).ConfigureAwait(false);
                return;
            default:
                await turn.RefuseAsync(turn.T("StaleButton")).ConfigureAwait(false);
                return;
        }
    }

    /// <summary>Typed text while the bot waits for credentials, a dispute's reason or a chat message.</summary>
    public async Task OnTextAsync(Turn turn, string text)
    {
        ArgumentNullException.ThrowIfNull(turn);
        ArgumentNullException.ThrowIfNull(text);
        var step = turn.State.Step;
        if (step == ConversationStep.DeliverCredentials)
        {
            // The secret leaves the chat first, whatever happens next.
            await turn.DeleteAsync(turn.Message!.MessageId).ConfigureAwait(false);
        }

        if (turn.State.DealId is not { } dealId || await PartyAsync(turn, dealId).ConfigureAwait(false) is not { } summary)
        {
            turn.Reset();
            return;
        }

        var value = text.Trim();
        switch (step)
        {
            case ConversationStep.DeliverCredentials:
                await DeliverTypedAsync(turn, summary, value).ConfigureAwait(false);
                return;
            case ConversationStep.DisputeReason when value.Length > MaxReasonLength:
                await turn.SayAsync(turn.T("TooLong", MaxReasonLength)).ConfigureAwait(false);
                return;
            case ConversationStep.DisputeReason:
                turn.Reset();
                await ActAsync(turn, summary, new OpenDispute(value), turn.UpdateKey).ConfigureAwait(false);
                return;
            default:
                await RelayAsync(turn, summary, value).ConfigureAwait(false);
                return;
        }
    }

    /// <summary>A photo sent in a deal's chat: evidence while a dispute is open, else refused (only text is relayed).</summary>
    public async Task OnPhotoAsync(Turn turn, string fileId, string? caption)
    {
        ArgumentNullException.ThrowIfNull(turn);
        var outcome = turn.State.DealId is { } dealId
            ? await records.AddEvidenceAsync(dealId, turn.User.Id, new Evidence(EvidenceKind.Photo, caption, fileId), turn.CancellationToken)
                .ConfigureAwait(false)
            : DealRecordOutcome.DealNotFound;
        await turn.SayAsync(turn.T(outcome == DealRecordOutcome.Done ? "EvidenceAdded" : "TextExpected")).ConfigureAwait(false);
    }

    private async Task DeliverTypedAsync(Turn turn, DealSummary summary, string credentials)
    {
        var deal = summary.Deal;
        if (deal.SellerId != turn.User.Id || deal.Status != DealStatus.Paid)
        {
            turn.Reset();
            await turn.SayAsync(turn.T("DealRefused_NotAllowedInStatus")).ConfigureAwait(false);
            return;
        }

        var attached = await listings.AttachCredentialsAsync(deal.ListingId, turn.User.Id, credentials, turn.CancellationToken).ConfigureAwait(false);
        if (!attached.Succeeded)
        {
            await turn.SayAsync(turn.T("TooLong", ListingService.MaxCredentialsLength)).ConfigureAwait(false);
            return;
        }

        turn.Reset();
        await ActAsync(turn, summary, new DeliverAccount(), turn.UpdateKey).ConfigureAwait(false);
    }

    private async Task RelayAsync(Turn turn, DealSummary summary, string text)
    {
        var (outcome, message) = await records.PostMessageAsync(
            summary.Deal.Id, turn.User.Id, text, turn.UpdateKey.Value, turn.CancellationToken).ConfigureAwait(false);
        if (message is null)
        {
            await turn.SayAsync(turn.T(outcome == DealRecordOutcome.Invalid ? "ChatTooLong" : "ChatClosed")).ConfigureAwait(false);
            return;
        }

        var recipient = await users.FindAsync(message.RecipientId, turn.CancellationToken).ConfigureAwait(false);
        var delivered = false;
        if (recipient is not null)
        {
            var fromRole = BotTexts.Get(recipient.Language, summary.Deal.BuyerId == turn.User.Id ? "RoleBuyer" : "RoleSeller");
            delivered = await turn.TellAsync(recipient.TelegramId, BotTexts.Get(recipient.Language, "ChatRelayed", summary.Deal.Id, fromRole, message.Body),
                BotKeyboard.Of([new BotButton(BotTexts.Get(recipient.Language, "BtnReply"), $"a:chat:{summary.Deal.Id}")])).ConfigureAwait(false);
        }

        // Kept as evidence either way; the sender learns whether the other side could be reached.
        await turn.SayAsync(turn.T(delivered ? "ChatSent" : "ChatNotDelivered")).ConfigureAwait(false);
    }

    private async Task RevealAsync(Turn turn, DealSummary summary)
    {
        var credentials = await listings.RevealCredentialsAsync(summary.Deal.Id, turn.User.Id, turn.CancellationToken).ConfigureAwait(false);
        if (credentials is null)
        {
            await turn.RefuseAsync(turn.T("CredentialsUnavailable")).ConfigureAwait(false);
            return;
        }

        await turn.SayAsync(turn.T("CredentialsShown", summary.Deal.Id, credentials)).ConfigureAwait(false);
        await turn.FinishAsync().ConfigureAwait(false);
    }

    private async Task RateAsync(Turn turn, long dealId, string score)
    {
        var outcome = int.TryParse(score, NumberStyles.None, CultureInfo.InvariantCulture, out var stars)
            ? await records.RateAsync(dealId, turn.User.Id, stars, null, turn.CancellationToken).ConfigureAwait(false)
            : DealRecordOutcome.Invalid;
        if (outcome != DealRecordOutcome.Done)
        {
            await turn.RefuseAsync(turn.T("RateRefused_" + outcome)).ConfigureAwait(false);
            return;
        }

        await turn.ToastAsync(turn.T("Rated")).ConfigureAwait(false);
        await CardAsync(turn, dealId).ConfigureAwait(false);
    }

    private static async Task AskAsync(Turn turn, ConversationStep step, long dealId, string prompt)
    {
        turn.Become(turn.State with { Step = step, DealId = dealId });
        await turn.SayAsync(prompt, BotKeyboard.Of([Screens.Button(turn, "BtnCancel", Screens.Data("d", dealId))])).ConfigureAwait(false);
        await turn.FinishAsync().ConfigureAwait(false);
    }

    private async Task ActAsync(Turn turn, DealSummary summary, DealCommand command, IdempotencyKey key)
    {
        var result = await turn.Deals.ExecuteAsync(
            new IdentifiedCommand<ActOnDeal>(key, new ActOnDeal(summary.Deal.Id, Actor.User(turn.User.Id), command)), turn.CancellationToken)
            .ConfigureAwait(false);
        if (result.Deal is not { } deal)
        {
            await turn.RefuseAsync(turn.T("DealRefused_" + result.Refusal!.Code)).ConfigureAwait(false);
            return;
        }

        await turn.ToastAsync(turn.T("Done")).ConfigureAwait(false);
        var moved = summary with { Deal = deal, HasCredentials = summary.HasCredentials || command is DeliverAccount };
        if (turn.Callback is null)
        {
            await turn.SayAsync(CardText(turn, moved), Buttons(turn, moved)).ConfigureAwait(false);
            return;
        }

        await turn.ShowAsync(CardText(turn, moved), Buttons(turn, moved)).ConfigureAwait(false);
    }

    /// <summary>The deal when the user is its buyer or seller; else they are told and null comes back.</summary>
    private async Task<DealSummary?> PartyAsync(Turn turn, long dealId)
    {
        var summary = await reader.FindAsync(dealId, turn.CancellationToken).ConfigureAwait(false);
        if (summary is null)
        {
            await turn.RefuseAsync(turn.T("DealRefused_DealNotFound")).ConfigureAwait(false);
            return null;
        }

        if (summary.Deal.BuyerId != turn.User.Id && summary.Deal.SellerId != turn.User.Id)
        {
            await turn.RefuseAsync(turn.T("DealRefused_NotAParty")).ConfigureAwait(false);
            return null;
        }

        return summary;
    }

    private static string CardText(Turn turn, DealSummary summary)
    {
        var deal = summary.Deal;
        var role = deal.BuyerId == turn.User.Id ? "Buyer" : "Seller";
        var deadline = DealDeadline.Of(deal) is { } due
            ? turn.T("Deadline_" + due.Kind, Screens.Moment(due.DueAt, turn.Language))
            : "";
        return turn.T("DealCard", deal.Id, summary.Title, Screens.Price(deal.Price), turn.T("Role" + role),
            turn.T("DealStatus_" + deal.Status), turn.T($"Next_{deal.Status}_{role}"), deadline).TrimEnd();
    }

    private BotKeyboard Buttons(Turn turn, DealSummary summary)
    {
        var deal = summary.Deal;
        var buyer = deal.BuyerId == turn.User.Id;
        var now = timeProvider.GetUtcNow();
        var rows = new List<IReadOnlyList<BotButton>>();
        void Add(string textKey, string action) => rows.Add([Screens.Button(turn, textKey, $"a:{action}:{deal.Id}")]);
        switch (deal.Status)
        {
            case DealStatus.AwaitingPayment:
                if (buyer)
                {
                    rows.Add([new BotButton(turn.T("BtnPay", Screens.Price(deal.Price)), $"a:pay:{deal.Id}")]);
                }

                Add("BtnCancelDeal", "cancel");
                break;
            case DealStatus.Paid when buyer:
                if (deal.DeliveryDueAt <= now)
                {
                    Add("BtnRefund", "ref");
                }

                Add("BtnDispute", "dsp");
                break;
            case DealStatus.Paid:
                Add("BtnDeliver", "dlv");
                Add("BtnRefundSeller", "ref");
                break;
            case DealStatus.Delivered when buyer:
                Add("BtnShowCredentials", "crd");
                Add("BtnConfirm", "ok");
                Add("BtnDispute", "dsp");
                break;
            case DealStatus.Delivered:
                Add("BtnDispute", "dsp");
                break;
            case DealStatus.Completed or DealStatus.Released:
                if (buyer)
                {
                    Add("BtnShowCredentials", "crd");
                }

                if (buyer && deal.Status == DealStatus.Completed && deal.WarrantyEndsAt > now)
                {
                    Add("BtnDispute", "dsp");
                }

                Add("BtnRate", "rate");
                break;
        }

        if (deal.Status is not (DealStatus.Cancelled or DealStatus.Expired))
        {
            Add("BtnChat", "chat");
        }

        rows.Add([Screens.Button(turn, "BtnBack", "d")]);
        return new BotKeyboard(rows);
    }
}
