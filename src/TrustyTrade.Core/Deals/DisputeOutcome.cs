namespace TrustyTrade.Core.Deals;

public enum DisputeOutcome
{
    /// <summary>The seller gets the money (less the commission).</summary>
    ReleaseToSeller,

    /// <summary>The buyer gets all the money back.</summary>
    RefundToBuyer,

    /// <summary>The seller gets a stated share (less the commission on it), the buyer the rest.</summary>
    Split,
}
