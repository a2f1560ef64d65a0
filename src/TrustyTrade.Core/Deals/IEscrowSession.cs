using TrustyTrade.Core.Idempotency;
using TrustyTrade.Core.Listings;
using TrustyTrade.Core.Users;

namespace TrustyTrade.Core.Deals;

/// <summary>
/// One transaction over deals, listings, the ledger and idempotency keys. Nothing is kept unless
/// <see cref="CommitAsync"/> is called; disposing without it rolls everything back. A store may hold writes back
/// and send them together at commit, so the checks they imply (version, key) may fail there.
/// </summary>
public interface IEscrowSession : IAsyncDisposable
{
    /// <summary>
    /// Reads a deal and locks it until the end of the transaction, so racing commands take turns; then reads what
    /// <paramref name="key"/> holds, which a racer that held the lock before us may just have saved.
    /// </summary>
    Task<Locked<Deal>> LockDealAsync(long dealId, IdempotencyKey key, CancellationToken cancellationToken);

    /// <summary>Reads a listing and locks it until the end of the transaction; then reads what <paramref name="key"/> holds.</summary>
    Task<Locked<Listing>> LockListingAsync(long listingId, IdempotencyKey key, CancellationToken cancellationToken);

    Task<User?> FindUserAsync(long userId, CancellationToken cancellationToken);

    /// <summary>The game's own warranty in days, or null when it has none.</summary>
    Task<int?> FindWarrantyDaysAsync(string game, CancellationToken cancellationToken);

    /// <summary>Keeps a command's result under its key; the save (or the commit) throws <see cref="DuplicateIdempotencyKeyException"/> when another transaction saved it first.</summary>
    Task SaveCommandResultAsync(IdempotencyKey key, StoredCommandResult result, CancellationToken cancellationToken);

    /// <summary>Stores a new deal, reserves its listing, and records the deal's first event and its integration event (<see cref="IntegrationEvents.DealIntegrationEvents.Created"/>).</summary>
    Task<Deal> CreateDealAsync(NewDeal deal, CancellationToken cancellationToken);

    /// <summary>
    /// Writes every effect of a transition: the deal (guarded by its version), its event, the posting, the listing, the
    /// dispute, and its integration event for the outbox (<see cref="IntegrationEvents.DealIntegrationEvents.For"/>).
    /// </summary>
    Task ApplyAsync(DealTransition transition, CancellationToken cancellationToken);

    Task CommitAsync(CancellationToken cancellationToken);
}
