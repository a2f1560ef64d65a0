namespace TrustyTrade.Core.Deals;

/// <summary>The state machine's answer: a transition to apply, or a refusal to show.</summary>
public sealed record DealDecision(DealTransition? Transition, DealRefusal? Refusal)
{
    public static DealDecision Accept(DealTransition transition) => new(transition, null);

    public static DealDecision Refuse(DealRefusalCode code, string detail) => new(null, new DealRefusal(code, detail));
}
