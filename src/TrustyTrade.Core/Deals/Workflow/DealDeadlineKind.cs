namespace TrustyTrade.Core.Deals.Workflow;

/// <summary>The deadline a deal waits on in its current status.</summary>
public enum DealDeadlineKind
{
    /// <summary>Awaiting payment: unpaid when it passes, the deal expires.</summary>
    Payment,

    /// <summary>Paid: undelivered when it passes, the buyer is refunded.</summary>
    Delivery,

    /// <summary>Delivered: when the inspection window ends without a dispute, the deal completes.</summary>
    Inspection,

    /// <summary>Completed: when the warranty ends, the seller's money becomes available.</summary>
    Warranty,
}
