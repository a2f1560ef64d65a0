using TrustyTrade.Core.Monetary;

namespace TrustyTrade.Core.Listings;

/// <summary>A game account for sale (the <c>accounts</c> table). Credentials, when stored, stay encrypted in the store.</summary>
public sealed record Listing(
    long Id,
    long SellerId,
    string Game,
    string Title,
    string Description,
    Money Price,
    ListingStatus Status,
    bool HasCredentials,
    DateTimeOffset CreatedAt,
    string? RejectionReason = null);
