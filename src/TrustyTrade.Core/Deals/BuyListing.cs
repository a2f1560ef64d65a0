namespace TrustyTrade.Core.Deals;

/// <summary>A buyer pressed Buy on a listing: opens a deal awaiting payment and reserves the listing.</summary>
public sealed record BuyListing(long ListingId, long BuyerId);
