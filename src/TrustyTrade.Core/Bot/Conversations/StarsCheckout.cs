using System.Globalization;
using Microsoft.Extensions.Logging;
using TrustyTrade.Core.Bot.Updates;
using TrustyTrade.Core.Deals;
using TrustyTrade.Core.Idempotency;
using TrustyTrade.Core.Monetary;
using TrustyTrade.Core.Payments.Stars;
using TrustyTrade.Core.Telemetry;
using TrustyTrade.Core.Users;

namespace TrustyTrade.Core.Bot.Conversations;

/// <summary>
/// Paying a deal in Telegram Stars: the invoice (payload "deal:{id}"), the pre-checkout answer (given inside the
/// webhook request, as Telegram cancels a purchase not answered within 10 seconds) and the successful payment, which
/// confirms the deal once per Telegram charge id and, for a listing with stored credentials, delivers at once. A payment
/// no deal can take is given back at once.
/// </summary>
public sealed partial class StarsCheckout(
    IDealReader reader,
    IUserStore users,
    IBotClient bot,
    StarsRefunds refunds,
    TimeProvider timeProvider,
    ILogger<StarsCheckout> logger,
    BusinessMetrics metrics)
{
    private const string PayloadPrefix = "deal:";

    /// <summary>The invoice for the deal's buyer (<see cref="DealScreens"/> lets only the buyer of a deal awaiting payment here).</summary>
    public static async Task SendInvoiceAsync(Turn turn, DealSummary summary)
    {
        ArgumentNullException.ThrowIfNull(turn);
        ArgumentNullException.ThrowIfNull(summary);
        var deal = summary.Deal;

        await turn.SendInvoiceAsync(new StarsInvoice(
            turn.T("InvoiceTitle", deal.Id), Shorten(summary.Title, 255), Payload(deal.Id), turn.T("InvoiceLabel"),
            decimal.ToInt64(deal.Price.Amount))).ConfigureAwait(false);
        await turn.FinishAsync().ConfigureAwait(false);
    }

    /// <summary>Says yes only to the deal's buyer paying its exact price in Stars while it still awaits payment.</summary>
    public async Task AnswerPreCheckoutAsync(BotPreCheckout query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var user = await users.FindByTelegramIdAsync(query.From.Id, cancellationToken).ConfigureAwait(false);
        var language = user?.Language ?? UserLanguages.FromTelegram(query.From.LanguageCode);
        var summary = DealId(query.Payload) is { } dealId ? await reader.FindAsync(dealId, cancellationToken).ConfigureAwait(false) : null;
        var refusal = summary?.Deal switch
        {
            null => "PayRefused_NoDeal",
            { } deal when user is null || deal.BuyerId != user.Id => "PayRefused_NoDeal",
            { Status: not DealStatus.AwaitingPayment } => "PayRefused_NotAwaiting",
            { } deal when deal.PaymentDueAt <= timeProvider.GetUtcNow() => "PayRefused_NotAwaiting",
            { } deal when query.Currency != "XTR" || deal.Price != new Money(query.TotalAmount, Currency.XTR) => "PayRefused_WrongAmount",
            _ => null,
        };
        if (refusal is not null)
        {
            LogPreCheckoutRefused(query.Payload.Length > 40 ? query.Payload[..40] : query.Payload, refusal);
            metrics.PaymentFailed(PaymentMethod.TelegramStars, "checkout_refused");
        }

        await bot.AnswerPreCheckoutAsync(query.Id, refusal is null ? null : BotTexts.Get(language, refusal), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// A successful payment: the deal is confirmed paid under the charge id (a repeated notice changes nothing), then
    /// delivered by the platform when its credentials are stored. Stars no deal can take (unknown payload, the deal
    /// expired or was cancelled meanwhile, a wrong amount) are refunded to the payer, once per charge id.
    /// </summary>
    public async Task OnPaymentAsync(Turn turn, BotPayment payment)
    {
        ArgumentNullException.ThrowIfNull(turn);
        ArgumentNullException.ThrowIfNull(payment);
        if (payment.Currency != "XTR" || payment.TotalAmount <= 0)
        {
            // Only Stars invoices are sent, so this is no payment of ours to give back through refundStarPayment.
            LogPaymentUnmatched(payment.TelegramChargeId, null, "currency");
            await turn.SayAsync(turn.T("PaymentNotApplied")).ConfigureAwait(false);
            return;
        }

        if (DealId(payment.Payload) is not { } dealId)
        {
            await RefundAsync(turn, payment, null, "payload").ConfigureAwait(false);
            return;
        }

        var confirm = new ConfirmPayment(new Money(payment.TotalAmount, Currency.XTR), PaymentMethod.TelegramStars, payment.TelegramChargeId);
        var paid = await turn.Deals.ExecuteAsync(
            new IdentifiedCommand<ActOnDeal>(IdempotencyKey.For("stars-charge", payment.TelegramChargeId), new ActOnDeal(dealId, Actor.System, confirm)),
            turn.CancellationToken).ConfigureAwait(false);
        if (paid.Deal is not { } deal)
        {
            await RefundAsync(turn, payment, dealId, paid.Refusal!.Code.ToString()).ConfigureAwait(false);
            return;
        }

        await turn.SayAsync(turn.T("PaymentReceived", deal.Id, Screens.Price(deal.Price))).ConfigureAwait(false);
        var summary = await reader.FindAsync(dealId, turn.CancellationToken).ConfigureAwait(false);
        if (summary is { HasCredentials: true, Deal.Status: DealStatus.Paid })
        {
            await turn.Deals.ExecuteAsync(
                new IdentifiedCommand<ActOnDeal>(IdempotencyKey.For("instant-delivery", dealId.ToString(CultureInfo.InvariantCulture)),
                    new ActOnDeal(dealId, Actor.System, new DeliverAccount())),
                turn.CancellationToken).ConfigureAwait(false);
        }
    }

    private async Task RefundAsync(Turn turn, BotPayment payment, long? dealId, string reason)
    {
        var amount = new Money(payment.TotalAmount, Currency.XTR);
        await refunds.RefundUnmatchedAsync(
            new UnmatchedStarsPayment(payment.TelegramChargeId, turn.User.TelegramId, amount, dealId, reason), turn.CancellationToken).ConfigureAwait(false);
        await turn.SayAsync(turn.T("PaymentRefunded", Screens.Price(amount))).ConfigureAwait(false);
    }

    private static string Payload(long dealId) => PayloadPrefix + dealId.ToString(CultureInfo.InvariantCulture);

    private static long? DealId(string payload) =>
        payload.StartsWith(PayloadPrefix, StringComparison.Ordinal)
        && long.TryParse(payload.AsSpan(PayloadPrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0
            ? id
            : null;

    private static string Shorten(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";

    [LoggerMessage(Level = LogLevel.Information, Message = "Pre-checkout for payload {Payload} refused: {Reason}")]
    private partial void LogPreCheckoutRefused(string payload, string reason);

    [LoggerMessage(Level = LogLevel.Error,
        Message = "Payment {ChargeId} could not be applied to deal {DealId} ({Reason}) and is not in Stars; refund it by hand")]
    private partial void LogPaymentUnmatched(string chargeId, long? dealId, string reason);
}
