namespace TrustyTrade.Core.Deals;

/// <summary>The inspection window passed without a dispute (system).</summary>
public sealed record AutoComplete : DealCommand
{
    public override string Name => "auto_complete";
}
