namespace TrustyTrade.Core.Listings;

public enum ListingSort
{
    Newest,
    PriceAscending,
    PriceDescending,
}
