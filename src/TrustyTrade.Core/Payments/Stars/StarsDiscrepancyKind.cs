namespace TrustyTrade.Core.Payments.Stars;

/// <summary>How Telegram's Star transactions and ours differ for one charge; stored as snake_case text.</summary>
public enum StarsDiscrepancyKind
{
    /// <summary>Telegram took a payment we have no record of.</summary>
    MissingHere,

    /// <summary>We recorded a charge Telegram does not list.</summary>
    MissingAtTelegram,

    /// <summary>Telegram refunded a charge we still count as held.</summary>
    RefundedOnlyAtTelegram,

    /// <summary>We count a charge as refunded, Telegram lists no refund.</summary>
    RefundedOnlyHere,

    /// <summary>Both have the charge, for different amounts.</summary>
    AmountDiffers,

    /// <summary>
    /// We owe the payer the charge back and have not refunded it for longer than the refund's retries take (a failed
    /// workflow, a poisoned update): Telegram agrees it is unrefunded, so only our own records show it.
    /// </summary>
    RefundPending,
}
