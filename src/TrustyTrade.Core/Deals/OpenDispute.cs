namespace TrustyTrade.Core.Deals;

/// <summary>Ask an admin to decide (buyer before the warranty ends; seller after delivering).</summary>
public sealed record OpenDispute(string Reason) : DealCommand
{
    public override string Name => "open_dispute";
}
