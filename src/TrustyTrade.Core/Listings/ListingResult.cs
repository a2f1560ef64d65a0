namespace TrustyTrade.Core.Listings;

/// <summary>A listing as a request left it, or why the request was refused.</summary>
public sealed record ListingResult(Listing? Listing, ListingRefusal? Refusal)
{
    public bool Succeeded => Listing is not null;

    public static ListingResult Success(Listing listing) => new(listing, null);

    public static ListingResult Refused(ListingRefusalCode code, string detail) => new(null, new ListingRefusal(code, detail));
}
