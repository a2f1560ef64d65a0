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

    /// <summary>Moves a listing from one status to another; false when it was not in <paramref name="current"/> any more.</summary>
    Task<bool> ChangeStatusAsync(long listingId, ListingStatus current, ListingStatus target, CancellationToken cancellationToken);

    /// <summary>Up to <see cref="ListingSearch.Limit"/> active listings after the cursor, in the search's order.</summary>
    Task<IReadOnlyList<Listing>> SearchAsync(ListingSearch search, CancellationToken cancellationToken);

    Task<DealCredentials?> FindDealCredentialsAsync(long dealId, CancellationToken cancellationToken);
}
