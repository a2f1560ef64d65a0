using Microsoft.Extensions.Options;
using TrustyTrade.Core.Monetary;
using TrustyTrade.Core.Payments.Chain;
using TrustyTrade.Core.Payments.Payouts;

namespace TrustyTrade.Core.Bot.Conversations;

/// <summary>
/// A user's balance (seller earnings and money owed back, per currency) and asking to withdraw it: the whole balance of
/// one currency, in USDT to an address the user types (Stars at the admin's rate), sent once an admin approves.
/// </summary>
public sealed class BalanceScreens(PayoutService payouts, IOptions<ChainOptions> chain)
{
    public async Task ShowAsync(Turn turn)
    {
        ArgumentNullException.ThrowIfNull(turn);
        var stars = await payouts.GetBalanceAsync(turn.User.Id, Currency.XTR, turn.CancellationToken).ConfigureAwait(false);
        var usdt = await payouts.GetBalanceAsync(turn.User.Id, Currency.USDT, turn.CancellationToken).ConfigureAwait(false);
        var text = turn.T("Balance", Screens.Price(new Money(stars.Total, Currency.XTR)), Screens.Price(new Money(usdt.Total, Currency.USDT)));
        var rows = new List<IReadOnlyList<BotButton>>();
        if (!chain.Value.Enabled)
        {
            text += "\n\n" + turn.T("WithdrawOff");
        }
        else
        {
            if (usdt.Total > 0m)
            {
                rows.Add([Screens.Button(turn, "BtnWithdrawUsdt", "wd:usdt")]);
            }

            if (stars.Total > 0m && await payouts.GetRateAsync(turn.CancellationToken).ConfigureAwait(false) is { } rate)
            {
                rows.Add([new BotButton(turn.T("BtnWithdrawStars", Screens.Price(new Money(stars.Total, Currency.XTR)),
                    Screens.Price(new Money(PayoutPostings.ToUsdt(stars.Total, rate), Currency.USDT))), "wd:xtr")]);
            }
        }

        rows.Add(Screens.BackToMenu(turn));
        await turn.ShowAsync(text, new BotKeyboard(rows)).ConfigureAwait(false);
    }

    public async Task OnButtonAsync(Turn turn, string data)
    {
        ArgumentNullException.ThrowIfNull(turn);
        ArgumentNullException.ThrowIfNull(data);
        switch (data)
        {
            case "wd:usdt" or "wd:xtr" when chain.Value.Enabled:
                var currency = data == "wd:usdt" ? Currency.USDT : Currency.XTR;
                var balance = await payouts.GetBalanceAsync(turn.User.Id, currency, turn.CancellationToken).ConfigureAwait(false);
                if (balance.Total <= 0m)
                {
                    await turn.RefuseAsync(turn.T("PayoutRefused_InsufficientBalance")).ConfigureAwait(false);
                    return;
                }

                turn.Become(turn.State with { Step = ConversationStep.WithdrawAddress, Withdrawal = new WithdrawDraft(currency, balance.Total) });
                await turn.SayAsync(turn.T("EnterPayoutAddress", chain.Value.NetworkName), BotKeyboard.Of(Screens.BackToMenu(turn))).ConfigureAwait(false);
                await turn.FinishAsync().ConfigureAwait(false);
                return;
            case "wdc" when turn.State.Withdrawal is { Address: { } address } draft:
                var result = await payouts.RequestAsync(
                    new PayoutRequest(turn.User.Id, new Money(draft.Amount, draft.Currency), address, turn.ButtonKey("wdc", turn.User.Id)), turn.CancellationToken)
                    .ConfigureAwait(false);
                turn.Reset();
                await turn.ShowAsync(result.Payout is { } payout
                    ? turn.T("WithdrawalRequested", payout.Id, Screens.Price(new Money(payout.Amount, Currency.USDT)), payout.Address)
                    : turn.T("PayoutRefused_" + result.Refusal)).ConfigureAwait(false);
                return;
            default:
                await turn.RefuseAsync(turn.T("StaleButton")).ConfigureAwait(false);
                return;
        }
    }

    /// <summary>The typed address: checked, then the request is shown for a last look before it is made.</summary>
    public async Task OnAddressTextAsync(Turn turn, string text)
    {
        ArgumentNullException.ThrowIfNull(turn);
        ArgumentNullException.ThrowIfNull(text);
        if (turn.State.Withdrawal is not { } draft)
        {
            turn.Reset();
            return;
        }

        var address = text.Trim();
        if (!ChainAddress.IsValid(address))
        {
            await turn.SayAsync(turn.T("PayoutRefused_BadAddress")).ConfigureAwait(false);
            return;
        }

        address = ChainAddress.Normalize(address, nameof(text));
        turn.Become(turn.State with { Withdrawal = draft with { Address = address } });
        var usdt = draft.Currency == Currency.USDT
            ? (decimal?)draft.Amount
            : await payouts.GetRateAsync(turn.CancellationToken).ConfigureAwait(false) is { } rate ? PayoutPostings.ToUsdt(draft.Amount, rate) : null;
        if (usdt is not { } amount)
        {
            turn.Reset();
            await turn.SayAsync(turn.T("PayoutRefused_NoRate")).ConfigureAwait(false);
            return;
        }

        await turn.SayAsync(
            turn.T("ConfirmWithdrawal", Screens.Price(new Money(draft.Amount, draft.Currency)), Screens.Price(new Money(amount, Currency.USDT)),
                address, chain.Value.NetworkName),
            BotKeyboard.Of([Screens.Button(turn, "BtnConfirmWithdrawal", "wdc")], Screens.BackToMenu(turn))).ConfigureAwait(false);
    }
}
