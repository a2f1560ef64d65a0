using Microsoft.Extensions.Options;
using TrustyTrade.Core.Deals;
using TrustyTrade.Core.Monetary;
using TrustyTrade.Core.Payments.Chain;
using TrustyTrade.Core.Payments.Crypto;

namespace TrustyTrade.Core.Bot.Conversations;

/// <summary>
/// Paying a USDT deal: the deal's own deposit address (the same one each time it is asked for), the amount, network,
/// token and deadline, and what has arrived so far. The deal becomes paid by itself once the transfers have enough
/// confirmations: the chain poller does it, not this screen.
/// </summary>
public sealed class CryptoPayScreen(CryptoCheckout checkout, IOptions<ChainOptions> options)
{
    /// <summary>The deal's address for its buyer (<see cref="DealScreens"/> lets only the buyer of a deal awaiting payment here).</summary>
    public async Task ShowAsync(Turn turn, DealSummary summary)
    {
        ArgumentNullException.ThrowIfNull(turn);
        ArgumentNullException.ThrowIfNull(summary);
        var deal = summary.Deal;
        var due = Screens.Moment(deal.PaymentDueAt, turn.Language);
        if (!checkout.Enabled)
        {
            await turn.RefuseAsync(turn.T("CryptoOff", due)).ConfigureAwait(false);
            return;
        }

        var invoice = await checkout.OpenInvoiceAsync(deal.Id, turn.CancellationToken).ConfigureAwait(false);
        var settings = options.Value;
        var text = turn.T("CryptoInvoice", deal.Id, Screens.Price(deal.Price), settings.NetworkName, invoice.Address,
            settings.TokenContract, due, settings.Confirmations);
        if (invoice.Received > 0)
        {
            var received = new Money(invoice.Received, Currency.USDT);
            var left = received < deal.Price ? deal.Price - received : Money.Zero(Currency.USDT);
            text += "\n\n" + turn.T("CryptoReceivedSoFar", Screens.Price(received), Screens.Price(left));
        }

        await turn.ShowAsync(text, BotKeyboard.Of([Screens.Button(turn, "BtnBack", Screens.Data("d", deal.Id))])).ConfigureAwait(false);
    }
}
