namespace TrustyTrade.Core.Deals;

/// <summary>The payment deadline passed (system).</summary>
public sealed record ExpireDeal : DealCommand
{
    public override string Name => "expire";
}
