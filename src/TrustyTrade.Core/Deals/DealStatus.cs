namespace TrustyTrade.Core.Deals;

/// <summary>Where a deal is on its path; stored as snake_case text in <c>deals.escrow_status</c>.</summary>
public enum DealStatus
{
    /// <summary>Created; the buyer has until the payment deadline to pay.</summary>
    AwaitingPayment,

    /// <summary>Paid: the money is held in escrow; the seller must deliver before the delivery deadline.</summary>
    Paid,

    /// <summary>The seller delivered; the buyer inspects until the inspection window ends.</summary>
    Delivered,

    /// <summary>The buyer has the account; the money stays held during the warranty.</summary>
    Completed,

    /// <summary>The warranty passed: the seller's money is withdrawable. Final.</summary>
    Released,

    /// <summary>Called off before payment. Final.</summary>
    Cancelled,

    /// <summary>Not paid in time. Final.</summary>
    Expired,

    /// <summary>Paid but called off before delivery; the buyer's money is owed back. Final.</summary>
    Refunded,

    /// <summary>A party asked an admin to decide; the money is frozen where it was.</summary>
    Disputed,

    /// <summary>An admin decided a dispute (release, refund or split). Final.</summary>
    Resolved,
}
