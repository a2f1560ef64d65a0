using TrustyTrade.Core.Monetary;

namespace TrustyTrade.Core.Listings;

/// <summary>A validated listing about to be stored as a draft.</summary>
public sealed record NewListing(long SellerId, string Game, string Title, string Description, Money Price, DateTimeOffset CreatedAt);
