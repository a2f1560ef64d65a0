namespace TrustyTrade.Functions.Api.Escrow;

/// <summary>The outcomes as the API names them (release, refund, split).</summary>
public enum DisputeVerdict
{
    Release,
    Refund,
    Split,
}
