namespace TrustyTrade.Core.Payments.Payouts;

/// <summary>What a payout action did: the payout as it is now, or why nothing happened.</summary>
public sealed record PayoutResult(Payout? Payout, PayoutRefusal? Refusal)
{
    public bool Succeeded => Refusal is null;

    public static PayoutResult Done(Payout payout) => new(payout, null);

    public static PayoutResult Refused(PayoutRefusal refusal) => new(null, refusal);
}
