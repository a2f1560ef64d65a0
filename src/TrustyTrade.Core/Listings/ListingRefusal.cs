namespace TrustyTrade.Core.Listings;

public sealed record ListingRefusal(ListingRefusalCode Code, string Detail);
