using System.Collections.Immutable;
using TrustyTrade.Core.Deals;
using TrustyTrade.Core.Idempotency;
using TrustyTrade.Core.Ledger;
using TrustyTrade.Core.Listings;
using TrustyTrade.Core.Monetary;
using TrustyTrade.Core.Users;

namespace TrustyTrade.Core.Tests.Deals;

/// <summary>
/// A fake of Core's own <see cref="IEscrowStore"/> for unit tests. One session at a time (a semaphore taken in
/// <see cref="BeginAsync"/> and given back on dispose stands in for row locks); a session works on its own snapshot
/// and only <see cref="IEscrowSession.CommitAsync"/> publishes it, so a session disposed without commit leaves no trace.
/// </summary>
internal sealed class InMemoryEscrowStore : IEscrowStore, IDisposable
{
    private readonly SemaphoreSlim _turn = new(1, 1);
    private State _state = State.Empty;
    private long _lastDealId;
    private (string Key, StoredCommandResult Result)? _racingSave;

    /// <summary>The committed deals by id: an immutable snapshot, so holding on to it keeps this moment's deals.</summary>
    public IReadOnlyDictionary<long, Deal> Deals => _state.Deals;

    /// <summary>Every posting the store kept, in order, with the deal it belongs to.</summary>
    public IReadOnlyList<StoredPosting> Postings => _state.Postings;

    /// <summary>Every transition the store applied, in order.</summary>
    public IReadOnlyList<DealTransition> Transitions => _state.Transitions;

    /// <summary>Every change of a listing's status, in order (the reservation by a new deal included).</summary>
    public IReadOnlyList<(long ListingId, ListingStatus Status)> ListingChanges => _state.ListingChanges;

    public int StoredKeysCount => _state.Results.Count;

    public int CommitsCount { get; private set; }

    public Deal? FindDeal(long dealId) => _state.Deals.GetValueOrDefault(dealId);

    public Listing? FindListing(long listingId) => _state.Listings.GetValueOrDefault(listingId);

    public Money Balance(LedgerAccount account, Currency currency) =>
        new(_state.Balances.GetValueOrDefault((account, currency)), currency);

    /// <summary>Every account that was ever posted to, with its balance per currency (an immutable snapshot).</summary>
    public IReadOnlyDictionary<(LedgerAccount Account, Currency Currency), decimal> Balances => _state.Balances;

    public User AddUser(long id, UserRole role = UserRole.User, bool banned = false)
    {
        var user = new User(id, TelegramId: 5_000_000 + id, $"user{id}", "ru", role, banned, Rating: 0m, RatingsCount: 0, DealBuilder.Start);
        Seed(state => state with { Users = state.Users.SetItem(id, user) });
        return user;
    }

    public Listing AddListing(long id, long sellerId, Money price, ListingStatus status = ListingStatus.Active, string game = "Dota 2")
    {
        var listing = new Listing(id, sellerId, game, "Immortal account", "Rank 8000, all heroes", price, status, HasCredentials: false, DealBuilder.Start);
        Seed(state => state with { Listings = state.Listings.SetItem(id, listing) });
        return listing;
    }

    public void AddDeal(Deal deal)
    {
        ArgumentNullException.ThrowIfNull(deal);
        Seed(state => state with { Deals = state.Deals.SetItem(deal.Id, deal) });
        _lastDealId = Math.Max(_lastDealId, deal.Id);
    }

    public void SetWarrantyDays(string game, int days) =>
        Seed(state => state with { WarrantyDays = state.WarrantyDays.SetItem(game, days) });

    /// <summary>
    /// The next save of a command result first finds <paramref name="key"/> taken by another transaction that committed
    /// just before (as a racer on another deal would, whose lock ours did not wait for).
    /// </summary>
    public void SaveElsewhereBeforeNextSave(IdempotencyKey key, StoredCommandResult result) => _racingSave = (key.Value, result);

    public async Task<IEscrowSession> BeginAsync(CancellationToken cancellationToken)
    {
        await _turn.WaitAsync(cancellationToken).ConfigureAwait(false);
        return new Session(this, _state);
    }

    public void Dispose() => _turn.Dispose();

    private void Seed(Func<State, State> change)
    {
        _turn.Wait();
        try
        {
            _state = change(_state);
        }
        finally
        {
            _turn.Release();
        }
    }

    /// <summary>A posting as the store keeps it: with the deal whose step made it.</summary>
    internal sealed record StoredPosting(long DealId, LedgerPosting Posting);

    private sealed record State(
        ImmutableDictionary<long, Deal> Deals,
        ImmutableDictionary<long, Listing> Listings,
        ImmutableDictionary<long, User> Users,
        ImmutableDictionary<string, int> WarrantyDays,
        ImmutableDictionary<string, StoredCommandResult> Results,
        ImmutableList<StoredPosting> Postings,
        ImmutableDictionary<(LedgerAccount Account, Currency Currency), decimal> Balances,
        ImmutableList<DealTransition> Transitions,
        ImmutableList<(long ListingId, ListingStatus Status)> ListingChanges)
    {
        public static State Empty { get; } = new(
            ImmutableDictionary<long, Deal>.Empty,
            ImmutableDictionary<long, Listing>.Empty,
            ImmutableDictionary<long, User>.Empty,
            ImmutableDictionary<string, int>.Empty.WithComparers(StringComparer.Ordinal),
            ImmutableDictionary<string, StoredCommandResult>.Empty.WithComparers(StringComparer.Ordinal),
            [],
            ImmutableDictionary<(LedgerAccount, Currency), decimal>.Empty,
            [],
            []);

        public State WithListingStatus(long listingId, ListingStatus status) => this with
        {
            Listings = Listings.TryGetValue(listingId, out var listing) ? Listings.SetItem(listingId, listing with { Status = status }) : Listings,
            ListingChanges = ListingChanges.Add((listingId, status)),
        };

        public State WithPosting(long dealId, LedgerPosting posting)
        {
            var balances = Balances.ToBuilder();
            foreach (var entry in posting.Entries)
            {
                var key = (entry.Account, entry.Amount.Currency);
                balances[key] = balances.GetValueOrDefault(key) + entry.Amount.Amount;
            }

            return this with { Postings = Postings.Add(new StoredPosting(dealId, posting)), Balances = balances.ToImmutable() };
        }
    }

    private sealed class Session(InMemoryEscrowStore store, State snapshot) : IEscrowSession
    {
        private State _working = snapshot;
        private bool _done;
        private bool _disposed;

        public Task<Locked<Deal>> LockDealAsync(long dealId, IdempotencyKey key, CancellationToken cancellationToken) =>
            Task.FromResult(new Locked<Deal>(Working.Deals.GetValueOrDefault(dealId), Working.Results.GetValueOrDefault(key.Value)));

        public Task<Locked<Listing>> LockListingAsync(long listingId, IdempotencyKey key, CancellationToken cancellationToken) =>
            Task.FromResult(new Locked<Listing>(Working.Listings.GetValueOrDefault(listingId), Working.Results.GetValueOrDefault(key.Value)));

        public Task<User?> FindUserAsync(long userId, CancellationToken cancellationToken) =>
            Task.FromResult(Working.Users.GetValueOrDefault(userId));

        public Task<int?> FindWarrantyDaysAsync(string game, CancellationToken cancellationToken) =>
            Task.FromResult(Working.WarrantyDays.TryGetValue(game, out var days) ? days : (int?)null);

        public Task SaveCommandResultAsync(IdempotencyKey key, StoredCommandResult result, CancellationToken cancellationToken)
        {
            ThrowIfClosed();
            if (store._racingSave is { } race)
            {
                store._state = store._state with { Results = store._state.Results.SetItem(race.Key, race.Result) };
                store._racingSave = null;
            }

            if (_working.Results.ContainsKey(key.Value) || store._state.Results.ContainsKey(key.Value))
            {
                throw new DuplicateIdempotencyKeyException($"idempotency key '{key.Value}' is already stored");
            }

            _working = _working with { Results = _working.Results.Add(key.Value, result) };
            return Task.CompletedTask;
        }

        public Task<Deal> CreateDealAsync(NewDeal deal, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(deal);
            ThrowIfClosed();
            var created = new Deal(Interlocked.Increment(ref store._lastDealId), deal.SellerId, deal.BuyerId, deal.ListingId,
                DealStatus.AwaitingPayment, deal.Price, deal.Fee, deal.WarrantyDays, Version: 0, deal.CreatedAt, deal.PaymentDueAt);
            _working = (_working with { Deals = _working.Deals.Add(created.Id, created) }).WithListingStatus(deal.ListingId, ListingStatus.Reserved);
            return Task.FromResult(created);
        }

        public Task ApplyAsync(DealTransition transition, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(transition);
            var (before, after) = (transition.Before, transition.After);
            if (!Working.Deals.TryGetValue(after.Id, out var current) || current.Version != before.Version)
            {
                throw new InvalidOperationException($"deal {after.Id} is not at version {before.Version}");
            }

            var next = _working with
            {
                Deals = _working.Deals.SetItem(after.Id, after),
                Transitions = _working.Transitions.Add(transition),
            };
            if (transition.Posting is { } posting)
            {
                next = next.WithPosting(after.Id, posting);
            }

            if (transition.ListingBecomes is { } listingStatus)
            {
                next = next.WithListingStatus(after.ListingId, listingStatus);
            }

            _working = next;
            return Task.CompletedTask;
        }

        public Task CommitAsync(CancellationToken cancellationToken)
        {
            store._state = Working;
            store.CommitsCount++;
            _done = true;
            return Task.CompletedTask;
        }

        public ValueTask DisposeAsync()
        {
            if (!_disposed)
            {
                _disposed = true;
                store._turn.Release();
            }

            return ValueTask.CompletedTask;
        }

        private State Working
        {
            get
            {
                ThrowIfClosed();
                return _working;
            }
        }

        /// <summary>Using a session after its commit or dispose is a bug in the caller, so it fails loudly.</summary>
        private void ThrowIfClosed()
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_done)
            {
                throw new InvalidOperationException("the session was already committed");
            }
        }
    }
}
