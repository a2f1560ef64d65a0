using TrustyTrade.Core.Idempotency;
using TrustyTrade.Core.Listings;
using TrustyTrade.Core.Users;

namespace TrustyTrade.Core.Deals;

/// <summary>
/// One transaction over deals, listings, the ledger and idempotency keys. Nothing is kept unless
/// <see cref="CommitAsync"/> is called; disposing without it rolls everything back.
/// </summary>
public interface IEscrowSession : IAsyncDisposable
{
    /// <summary>Reads a deal and locks it until the end of the transaction, so racing commands take turns.</summary>
    Task<Deal?> LockDealAsync(long dealId, CancellationToken cancellationToken);

    /// <summary>Reads a listing and locks it until the end of the transaction.</summary>
    Task<Listing?> LockListingAsync(long listingId, CancellationToken cancellationToken);

    Task<User?> FindUserAsync(long userId, CancellationToken cancellationToken);

    /// <summary>The game's own warranty in days, or null when it has none.</summary>
    Task<int?> FindWarrantyDaysAsync(string game, CancellationToken cancellationToken);

    Task<StoredCommandResult?> FindCommandResultAsync(IdempotencyKey key, CancellationToken cancellationToken);

    /// <summary>Keeps a command's result under its key; throws <see cref="DuplicateIdempotencyKeyException"/> when another transaction saved it first.</summary>
    Task SaveCommandResultAsync(IdempotencyKey key, StoredCommandResult result, CancellationToken cancellationToken);

    /// <summary>Stores a new deal, reserves its listing, and records the deal's first event.</summary>
    Task<Deal> CreateDealAsync(NewDeal deal, CancellationToken cancellationToken);

    /// <summary>Writes every effect of a transition: the deal (guarded by its version), its event, the posting, the listing and the dispute.</summary>
    Task ApplyAsync(DealTransition transition, CancellationToken cancellationToken);

    Task CommitAsync(CancellationToken cancellationToken);
}
