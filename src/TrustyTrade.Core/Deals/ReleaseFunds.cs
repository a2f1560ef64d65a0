namespace TrustyTrade.Core.Deals;

/// <summary>The warranty passed without a dispute: the seller's money becomes withdrawable (system).</summary>
public sealed record ReleaseFunds : DealCommand
{
    public override string Name => "release";
}
