namespace TrustyTrade.Core.Payments.Payouts;

/// <summary>Why a payout request or an admin's decision was refused.</summary>
public enum PayoutRefusal
{
    NotAdmin,
    BadAddress,

    /// <summary>Not positive, or finer than the currency counts (whole Stars, 6 decimals of USDT).</summary>
    BadAmount,

    /// <summary>Stars can't be paid out before an admin set the XTR→USDT rate.</summary>
    NoRate,

    /// <summary>The amount converts to less than the smallest USDT unit (a guard: whole Stars at a rate of at least 0.000001 never do).</summary>
    TooSmall,

    InsufficientBalance,
    NotFound,

    /// <summary>The payout is not in the state the action needs (e.g. approving one already approved).</summary>
    WrongStatus,

    /// <summary>A rejection without its reason, or with one over <see cref="PayoutService.MaxRejectReasonLength"/> characters.</summary>
    InvalidReason,
}
