namespace TrustyTrade.Core.Payments.Reports;

/// <summary>How far a crypto invoice got. Transfers count only once confirmed, so "paid" means confirmed on chain.</summary>
public enum InvoiceState
{
    /// <summary>Nothing confirmed has reached the address yet.</summary>
    AwaitingPayment,

    /// <summary>Less than the price arrived; the invoice waits for the rest.</summary>
    PartlyPaid,

    /// <summary>The price (or more) arrived and is not yet applied to the deal.</summary>
    Paid,

    /// <summary>The deposits were applied to the deal or returned to the buyer: nothing left to do.</summary>
    Settled,
}
