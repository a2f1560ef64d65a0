namespace TrustyTrade.Core.Deals;

/// <summary>Call off a paid deal before delivery and owe the buyer their money back (seller, admin, or system after the delivery deadline).</summary>
public sealed record RefundUndelivered(string? Reason = null) : DealCommand
{
    public override string Name => "refund_undelivered";
}
