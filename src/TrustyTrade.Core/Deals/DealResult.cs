namespace TrustyTrade.Core.Deals;

/// <summary>
/// The answer to a deal command: the deal as the command left it, or why it was refused.
/// <see cref="Replayed"/> says the command had run before under the same key and this is that first result.
/// </summary>
public sealed record DealResult(Deal? Deal, DealRefusal? Refusal, bool Replayed = false)
{
    public bool Succeeded => Deal is not null;

    public static DealResult Success(Deal deal) => new(deal, null);

    public static DealResult Refused(DealRefusalCode code, string detail) => new(null, new DealRefusal(code, detail));

    public static DealResult Refused(DealRefusal refusal) => new(null, refusal);
}
