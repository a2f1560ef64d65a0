namespace TrustyTrade.Core.Listings;

/// <summary>One page of search results; <see cref="Next"/> is null on the last page.</summary>
public sealed record ListingPage(IReadOnlyList<Listing> Items, ListingCursor? Next);
