using TrustyTrade.Core.Vault;

namespace TrustyTrade.Core.Listings;

public interface IListingStore
{
    /// <summary>
    /// Stores a draft. When <paramref name="sealCredentials"/> is given it is called with the new listing's id (the
    /// ciphertext is bound to it) and its result is stored in the same transaction.
    /// </summary>
    Task<Listing> InsertAsync(NewListing listing, Func<long, EncryptedSecret>? sealCredentials, CancellationToken cancellationToken);

    Task<Listing?> FindAsync(long listingId, CancellationToken cancellationToken);

    /// <summary>
    /// Moves a listing from one status to another, writing <paramref name="rejectionReason"/> (null clears it); false
    /// when it was not in <paramref name="current"/> any more.
    /// </summary>
    Task<bool> ChangeStatusAsync(long listingId, ListingStatus current, ListingStatus target, string? rejectionReason, CancellationToken cancellationToken);

    /// <summary>Up to <see cref="ListingSearch.Limit"/> active listings after the cursor, in the search's order.</summary>
    Task<IReadOnlyList<Listing>> SearchAsync(ListingSearch search, CancellationToken cancellationToken);

    Task<DealCredentials?> FindDealCredentialsAsync(long dealId, CancellationToken cancellationToken);

    /// <summary>The seller's listings that were not removed, newest first.</summary>
    Task<IReadOnlyList<Listing>> ListBySellerAsync(long sellerId, int limit, CancellationToken cancellationToken);

    /// <summary>Sets a new price in the same currency; false when the listing is not in one of <paramref name="statuses"/> any more.</summary>
    Task<bool> ChangePriceAsync(long listingId, Monetary.Money price, IReadOnlyList<ListingStatus> statuses, CancellationToken cancellationToken);

    /// <summary>Stores sealed credentials on a listing that has none; false when it already has some.</summary>
    Task<bool> AttachCredentialsAsync(long listingId, EncryptedSecret secret, CancellationToken cancellationToken);
}
