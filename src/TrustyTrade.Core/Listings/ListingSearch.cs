using TrustyTrade.Core.Monetary;

namespace TrustyTrade.Core.Listings;

/// <summary>
/// A validated <see cref="ListingQuery"/>: text reduced to search words (letters and digits only). <see cref="Status"/>
/// null means any status but removed.
/// </summary>
public sealed record ListingSearch(
    string? Game,
    Currency? Currency,
    decimal? MinPrice,
    decimal? MaxPrice,
    IReadOnlyList<string> Words,
    ListingSort Sort,
    ListingCursor? After,
    int Limit,
    ListingStatus? Status = ListingStatus.Active,
    long? SellerId = null);
