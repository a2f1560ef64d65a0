using TrustyTrade.Core.Payments.Payouts;

namespace TrustyTrade.Functions.Api.Payments;

/// <summary>Every refusal of a payment route as one stable problem type, in one place so clients can rely on them.</summary>
public static class PaymentProblems
{
    public static ApiProblem InvalidRate { get; } = ApiProblem.Of(
        400, "invalid-rate", "The rate is not valid", "the rate must be positive, with at most 6 decimals, below 100000000000000");

    public static ApiProblem Of(PayoutRefusal refusal) => refusal switch
    {
        PayoutRefusal.NotAdmin => ApiProblem.Forbidden("only an admin decides payouts"),
        PayoutRefusal.BadAddress => ApiProblem.Of(400, "invalid-address", "The address is not valid", "the address must be 0x followed by 40 hex digits"),
        PayoutRefusal.BadAmount => ApiProblem.Of(
            400, "invalid-amount", "The amount is not valid", "the amount must be positive: whole Stars, or USDT with at most 6 decimals"),
        PayoutRefusal.TooSmall => ApiProblem.Of(400, "amount-too-small", "The amount is too small", "it converts to less than 0.000001 USDT"),
        PayoutRefusal.NoRate => ApiProblem.Of(
            409, "no-payout-rate", "Stars can't be paid out yet", "an admin has not set the XTR→USDT rate; try again later or withdraw USDT"),
        PayoutRefusal.InsufficientBalance => ApiProblem.Of(
            409, "insufficient-balance", "The balance is too low", "the amount is more than the withdrawable balance (GET /api/payments/balance)"),
        PayoutRefusal.NotFound => ApiProblem.NotFound("the payout"),
        PayoutRefusal.InvalidReason => ApiProblem.Of(
            400, "invalid-reason", "The reason is not valid", $"the reason must be 1–{PayoutService.MaxRejectReasonLength} characters"),
        PayoutRefusal.WrongStatus => ApiProblem.Conflict(
            "payout-already-decided", "only a requested payout can be approved or rejected, and this one was decided before"),
        _ => throw new ArgumentOutOfRangeException(nameof(refusal), refusal, "unknown payout refusal"),
    };
}
