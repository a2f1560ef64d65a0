using Microsoft.Extensions.Logging;
using TrustyTrade.Core.Deals;
using TrustyTrade.Core.Deals.Workflow;
using TrustyTrade.Core.Ledger;
using TrustyTrade.Core.Monetary;
using TrustyTrade.Core.Telemetry;

namespace TrustyTrade.Core.Payments.Stars;

/// <summary>
/// Gives Stars back through Telegram: a refunded deal's charge, and a payment no deal could take. Each may run more
/// than once (a retried activity, a redelivered update): a charge already marked refunded asks Telegram nothing, and a
/// run that stopped after Telegram refunded but before our commit gets CHARGE_ALREADY_REFUNDED the next time, which
/// counts as done; the database writes are guarded by the row's status, so the payout is posted once.
/// </summary>
public sealed partial class StarsRefunds(
    IStarsApi telegram, IStarsStore store, IDealWorkflowStore deals, ILogger<StarsRefunds> logger, BusinessMetrics? metrics = null)
{
    public const string DealRefundKind = "stars_refund";

    public const string UnmatchedRefundKind = "stars_unmatched_refund";

    /// <summary>Refunds the Stars charge of a deal that ended refunded, or resolved with everything to the buyer.</summary>
    public async Task<StarsRefundOutcome> RefundDealAsync(long dealId, CancellationToken cancellationToken)
    {
        var deal = await deals.FindDealAsync(dealId, cancellationToken).ConfigureAwait(false);
        if (deal is null || deal.Price.Currency != Currency.XTR || !await OwesWholeChargeAsync(deal, cancellationToken).ConfigureAwait(false))
        {
            // A split leaves the buyer's part as their balance (BuyerRefunds): Telegram refunds only whole charges, so
            // that part is paid out with the balances, not here.
            return StarsRefundOutcome.NotDue;
        }

        if (await store.FindDealChargeAsync(dealId, cancellationToken).ConfigureAwait(false) is not { } charge)
        {
            LogNoCharge(dealId);
            return StarsRefundOutcome.NotDue;
        }

        if (charge.Refunded)
        {
            return StarsRefundOutcome.AlreadyDone;
        }

        var answer = await telegram.RefundAsync(charge.BuyerTelegramId, charge.ChargeId, cancellationToken).ConfigureAwait(false);
        var payout = LedgerPosting.Transfer(DealRefundKind, LedgerAccount.BuyerRefunds(charge.BuyerId), (LedgerAccount.PaidOut, charge.Amount));
        var posted = await store.CompleteDealRefundAsync(charge, payout, cancellationToken).ConfigureAwait(false);
        LogDealRefunded(dealId, charge.ChargeId, charge.Amount, answer, posted);
        return posted ? StarsRefundOutcome.Refunded : StarsRefundOutcome.AlreadyDone;
    }

    /// <summary>
    /// Records a payment no deal could take and gives it back; true when this call (or an earlier one) refunded it.
    /// Telegram's transient errors are thrown, so the update runs again and finds the record.
    /// </summary>
    public async Task<bool> RefundUnmatchedAsync(UnmatchedStarsPayment payment, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(payment);
        LogUnmatched(payment.ChargeId, payment.DealId, payment.Reason);
        if (await store.RecordUnmatchedAsync(payment, cancellationToken).ConfigureAwait(false))
        {
            return true;
        }

        // Counted once the notice is new: a repeated notice of a refunded charge returned above.
        metrics?.PaymentFailed(PaymentMethod.TelegramStars, "unmatched");

        var answer = await telegram.RefundAsync(payment.PayerTelegramId, payment.ChargeId, cancellationToken).ConfigureAwait(false);
        // The money came in and went straight back out: both sides of it in the ledger, with no deal in between.
        var posting = LedgerPosting.Transfer(UnmatchedRefundKind, LedgerAccount.PaymentsReceived, (LedgerAccount.PaidOut, payment.Amount));
        var posted = await store.CompleteUnmatchedRefundAsync(payment.ChargeId, posting, cancellationToken).ConfigureAwait(false);
        LogUnmatchedRefunded(payment.ChargeId, payment.Amount, answer, posted);
        return true;
    }

    private async Task<bool> OwesWholeChargeAsync(Deal deal, CancellationToken cancellationToken) => deal.Status switch
    {
        DealStatus.Refunded => true,
        DealStatus.Resolved => await deals.FindDisputeOutcomeAsync(deal.Id, cancellationToken).ConfigureAwait(false) == DisputeOutcome.RefundToBuyer,
        _ => false,
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "Deal {DealId} is owed a Stars refund but has no Stars charge recorded")]
    private partial void LogNoCharge(long dealId);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Deal {DealId}: Stars charge {ChargeId} of {Amount} refunded (Telegram: {Answer}; payout posted now: {Posted})")]
    private partial void LogDealRefunded(long dealId, string chargeId, Money amount, StarsRefundAnswer answer, bool posted);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stars payment {ChargeId} could not be applied to deal {DealId} ({Reason}); refunding it")]
    private partial void LogUnmatched(string chargeId, long? dealId, string reason);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Unmatched Stars payment {ChargeId} of {Amount} refunded (Telegram: {Answer}; recorded now: {Posted})")]
    private partial void LogUnmatchedRefunded(string chargeId, Money amount, StarsRefundAnswer answer, bool posted);
}
