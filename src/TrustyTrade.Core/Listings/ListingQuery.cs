using TrustyTrade.Core.Monetary;

namespace TrustyTrade.Core.Listings;

/// <summary>
/// A search over active listings. Price bounds and price order need a currency (Stars and USDT are not compared).
/// <see cref="After"/> is the cursor of the previous page's last listing (keyset pagination). Buyers see only active
/// listings; <see cref="Status"/> (null: any status but removed) and <see cref="SellerId"/> serve a seller's own list and
/// moderators — who may ask for them is the caller's check.
/// </summary>
public sealed record ListingQuery(
    string? Game = null,
    Currency? Currency = null,
    decimal? MinPrice = null,
    decimal? MaxPrice = null,
    string? Text = null,
    ListingSort Sort = ListingSort.Newest,
    ListingCursor? After = null,
    int Limit = 20,
    ListingStatus? Status = ListingStatus.Active,
    long? SellerId = null);
