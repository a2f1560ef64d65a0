namespace TrustyTrade.Core.Deals;

/// <summary>The seller handed the account over (seller, or system for stored credentials).</summary>
public sealed record DeliverAccount : DealCommand
{
    public override string Name => "deliver";
}
