namespace TrustyTrade.Core.Deals;

/// <summary>Call off an unpaid deal (buyer, seller or admin).</summary>
public sealed record CancelDeal(string? Reason = null) : DealCommand
{
    public override string Name => "cancel";
}
