namespace TrustyTrade.Core.Listings;

/// <summary>A listing's life; stored as snake_case text in <c>accounts.status</c>.</summary>
public enum ListingStatus
{
    Draft,
    PendingModeration,
    Active,
    Reserved,
    Sold,
    Removed,
}
