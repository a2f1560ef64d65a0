namespace TrustyTrade.Core.Payments.Stars;

/// <summary>What the refund step of a deal's workflow did.</summary>
public enum StarsRefundOutcome
{
    /// <summary>Nothing to give back in Stars: not a Stars deal, not refunded to the buyer (or only in part), or no charge.</summary>
    NotDue,

    /// <summary>This run saw Telegram accept the refund (or find it done) and posted the payout.</summary>
    Refunded,

    /// <summary>An earlier run had finished it already; nothing was asked of Telegram.</summary>
    AlreadyDone,
}
