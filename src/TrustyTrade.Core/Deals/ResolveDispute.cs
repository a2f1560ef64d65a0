using TrustyTrade.Core.Monetary;

namespace TrustyTrade.Core.Deals;

/// <summary>An admin's decision on a dispute. <paramref name="SellerShare"/> is required for a split.</summary>
public sealed record ResolveDispute(DisputeOutcome Outcome, Money? SellerShare, string Note) : DealCommand
{
    public override string Name => "resolve_dispute";
}
