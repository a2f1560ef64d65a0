using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using TrustyTrade.Core.Deals;
using TrustyTrade.Core.Idempotency;
using TrustyTrade.Core.Ledger;
using TrustyTrade.Core.Monetary;
using TrustyTrade.Core.Users;
using Xunit.Abstractions;

namespace TrustyTrade.Core.Tests.Deals;

/// <summary>
/// Random command sequences through DealService against the in-memory store, with seeded randomness so a failure
/// names its seed and the sequence that broke an escrow invariant, and re-running that seed reproduces it.
/// </summary>
public sealed class EscrowInvariantPropertyTests(ITestOutputHelper output)
{
    private const int FirstSeed = 20_260_301;
    private const int Sequences = 2_000;

    [Fact]
    public async Task RandomCommandSequences_KeepEveryEscrowInvariant()
    {
        var watch = Stopwatch.StartNew();
        var reached = new HashSet<DealStatus>();
        var steps = 0;
        for (var seed = FirstSeed; seed < FirstSeed + Sequences; seed++)
        {
            using var simulation = new Simulation(seed);
            await simulation.RunAsync();
            reached.UnionWith(simulation.StatusesReached);
            steps += simulation.Steps;
        }

        output.WriteLine($"{Sequences} sequences, {steps} steps in {watch.ElapsedMilliseconds} ms; statuses reached: {string.Join(", ", reached.Order())}");
        // Not an invariant but a guard against a vacuous run: the sequences must have walked every path.
        Assert.Equal(Enum.GetValues<DealStatus>().Order(), reached.Order());
    }

    /// <summary>One seeded sequence: a fresh store, users and listings, then random requests, each followed by the checks.</summary>
    private sealed class Simulation : IDisposable
    {
        private const long UserA = 1;
        private const long UserB = 2;
        private const long UserC = 3;
        private const long AdminId = 4;
        private const long NotAdminId = 5;
        private const long BannedId = 6;
        private const long UnregisteredId = 99;
        private const long UnknownDealId = 9_999;
        private const long UnknownListingId = 8_888;

        private static readonly TimeSpan[] ClockSteps =
        [
            TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(29), TimeSpan.FromMinutes(31), TimeSpan.FromHours(1),
            TimeSpan.FromHours(47), TimeSpan.FromHours(49), TimeSpan.FromHours(71), TimeSpan.FromHours(73),
            TimeSpan.FromDays(1), TimeSpan.FromDays(3), TimeSpan.FromDays(6),
        ];

        private readonly int _seed;
        private readonly Random _random;
        private readonly FakeTimeProvider _time = new(DealBuilder.Start);
        private readonly InMemoryEscrowStore _store = new();
        private readonly DealService _service;
        private readonly List<long> _listingIds = [];
        private readonly List<Request> _sent = [];
        private readonly Dictionary<string, (Request Request, DealResult Result)> _firstSuccessByKey = new(StringComparer.Ordinal);
        /// <summary>The sequence so far, rendered only when a check fails.</summary>
        private readonly List<Func<string>> _log = [];
        private int _nextKey;

        public Simulation(int seed)
        {
            _seed = seed;
            _random = new Random(seed);
            foreach (var id in new[] { UserA, UserB, UserC, NotAdminId })
            {
                _store.AddUser(id);
            }

            _store.AddUser(AdminId, UserRole.Admin);
            _store.AddUser(BannedId, banned: true);
            _store.SetWarrantyDays("Dota 2", _random.Next(0, 4));
            var listings = _random.Next(1, 4);
            for (var id = 1; id <= listings; id++)
            {
                var (listingId, price) = (id, RandomPrice());
                _store.AddListing(listingId, _random.Next(2) == 0 ? UserA : UserB, price);
                _listingIds.Add(listingId);
                _log.Add(() => $"listing {listingId} at {price}");
            }

            _service = new DealService(_store, Options.Create(new EscrowOptions()), _time, NullLogger<DealService>.Instance);
        }

        public HashSet<DealStatus> StatusesReached { get; } = [];

        public int Steps { get; private set; }

        public void Dispose() => _store.Dispose();

        public async Task RunAsync()
        {
            var length = _random.Next(6, 36);
            for (Steps = 0; Steps < length; Steps++)
            {
                var roll = _random.Next(100);
                if (roll < 18)
                {
                    var by = ClockSteps[_random.Next(ClockSteps.Length)];
                    _time.Advance(by);
                    _log.Add(() => $"clock +{by}");
                    continue;
                }

                var request = roll switch
                {
                    < 30 => RandomBuy(NewKey()),
                    _ when _store.Deals.Count == 0 => RandomBuy(NewKey()),
                    < 85 => RandomAct(NewKey()),
                    _ when _sent.Count == 0 => RandomAct(NewKey()),
                    < 95 => _sent[_random.Next(_sent.Count)], // the same request again: a redelivery
                    _ => _random.Next(2) == 0 ? RandomAct(_sent[_random.Next(_sent.Count)].Key) : RandomBuy(_sent[_random.Next(_sent.Count)].Key),
                };
                await SendAsync(request);
            }

            CheckLedger();
            CheckDealHistories();
        }

        private async Task SendAsync(Request request)
        {
            var dealsBefore = _store.Deals;
            var postingsBefore = _store.Postings.Count;
            var listingsBefore = _listingIds.ToDictionary(id => id, id => _store.FindListing(id)!.Status);

            var key = new IdempotencyKey(request.Key);
            var result = request.Buy is { } buy
                ? await _service.BuyAsync(new IdentifiedCommand<BuyListing>(key, buy), CancellationToken.None)
                : await _service.ExecuteAsync(new IdentifiedCommand<ActOnDeal>(key, request.Act!), CancellationToken.None);
            _sent.Add(request);
            var at = _time.GetUtcNow() - DealBuilder.Start;
            _log.Add(() => $"[{at}] {request} => {Describe(result)}");

            var dealsAfter = _store.Deals;
            // The store's snapshots are immutable: the same one means no session committed anything.
            var changed = ReferenceEquals(dealsBefore, dealsAfter)
                ? []
                : dealsAfter.Values.Where(d => !dealsBefore.TryGetValue(d.Id, out var old) || old != d).ToList();
            StatusesReached.UnionWith(changed.Select(d => d.Status));

            if (result.Replayed || !result.Succeeded)
            {
                Check(changed.Count == 0, "a refusal or a replay changed no deal", () => $"changed: {string.Join("; ", changed)}");
                Check(_store.Postings.Count == postingsBefore, "a refusal or a replay posted nothing",
                    () => $"{_store.Postings.Count - postingsBefore} new postings");
                Check(_listingIds.All(id => _store.FindListing(id)!.Status == listingsBefore[id]), "a refusal or a replay left listings alone", () => "");
            }
            else
            {
                var after = result.Deal!;
                Check(changed.Count == 1 && changed[0] == after, "an accepted command changes exactly its own deal, as it answered",
                    () => $"changed: {string.Join("; ", changed)}; answered {after}");
                if (request.Act is not null)
                {
                    var before = dealsBefore[after.Id];
                    Check(!before.Status.IsFinal(), "a final status never changes", () => $"{before.Status} became {after.Status}");
                    Check(after.Version == before.Version + 1, "each accepted step adds one version", () => $"{before.Version} -> {after.Version}");
                }
                else
                {
                    Check(!dealsBefore.ContainsKey(after.Id) && after is { Status: DealStatus.AwaitingPayment, Version: 0 },
                        "a buy opens a new deal awaiting payment", () => $"{after}");
                }
            }

            if (result.Replayed)
            {
                Check(_firstSuccessByKey.TryGetValue(request.Key, out var first) && first.Result.Deal == result.Deal,
                    "a replay returns the first successful result under its key", () => $"replayed {result.Deal}");
            }
            else if (result.Succeeded)
            {
                Check(_firstSuccessByKey.TryAdd(request.Key, (request, result)), "a key takes effect at most once", () => request.Key);
            }

            if (_firstSuccessByKey.TryGetValue(request.Key, out var original) && original.Request == request && !ReferenceEquals(original.Result, result))
            {
                Check(result.Replayed, "an exact redelivery of a request that succeeded is a replay", () => Describe(result));
            }

            if (changed.Count > 0)
            {
                CheckMoneyHeld(); // an unchanged store (checked above) holds what it held after the last check
            }
        }

        /// <summary>After every step: holds are never negative, and a deal's holds are its price exactly while money is held.</summary>
        private void CheckMoneyHeld()
        {
            foreach (var ((account, currency), balance) in _store.Balances)
            {
                if (account.Kind is LedgerAccountKind.Escrow or LedgerAccountKind.WarrantyHold)
                {
                    Check(balance >= 0m, "no escrow or warranty hold is ever negative", () => $"{account} {balance} {currency}");
                }
            }

            foreach (var deal in _store.Deals.Values)
            {
                var held = Held(deal.Id, deal.Price.Currency);
                var expected = deal.Status is DealStatus.Paid or DealStatus.Delivered or DealStatus.Completed or DealStatus.Disputed
                    ? deal.Price
                    : Money.Zero(deal.Price.Currency);
                Check(held == expected, "a deal's holds equal its price while paid, delivered, completed or disputed, else zero",
                    () => $"deal {deal.Id} {deal.Status} holds {held}, expected {expected}");
                var other = deal.Price.Currency == Currency.XTR ? Currency.USDT : Currency.XTR;
                Check(Held(deal.Id, other).IsZero, "a deal holds nothing in another currency", () => $"deal {deal.Id}");
            }
        }

        private Money Held(long dealId, Currency currency) =>
            _store.Balance(LedgerAccount.Escrow(dealId), currency) + _store.Balance(LedgerAccount.WarrantyHold(dealId), currency);

        private void CheckLedger()
        {
            foreach (var stored in _store.Postings)
            {
                Check(stored.Posting.Entries.GroupBy(e => e.Amount.Currency).All(g => g.Sum(e => e.Amount.Amount) == 0m),
                    "each posting balances per currency", () => stored.Posting.Kind);
            }

            foreach (var currency in Enum.GetValues<Currency>())
            {
                var sum = _store.Postings.SelectMany(p => p.Posting.Entries).Where(e => e.Amount.Currency == currency).Sum(e => e.Amount.Amount);
                Check(sum == 0m, "per currency all entries sum to zero", () => $"{currency}: {sum}");
            }

            foreach (var deal in _store.Deals.Values)
            {
                var postings = _store.Postings.Where(p => p.DealId == deal.Id).Select(p => p.Posting).ToList();
                Check(postings.Count(p => p.Kind == "payment") <= 1, "a deal's payment is counted once", () => $"deal {deal.Id}");

                var payouts = postings.SelectMany(p => p.Entries.Where(e => e.Amount.Amount > 0m
                    && e.Account.Kind is LedgerAccountKind.SellerAvailable or LedgerAccountKind.BuyerRefunds)).ToList();
                Check(payouts.All(e => e.Account == LedgerAccount.SellerAvailable(deal.SellerId) || e.Account == LedgerAccount.BuyerRefunds(deal.BuyerId)),
                    "a deal pays out only to its own seller and buyer", () => $"deal {deal.Id}");

                var toSeller = postings.Where(p => p.Entries.Any(e => e.Account.Kind == LedgerAccountKind.SellerAvailable)).ToList();
                // A chain payment over the price gives the excess back to the buyer as it is paid: no refund of the deal.
                var toBuyer = postings.Where(p => p.Kind != "payment" && p.Entries.Any(e => e.Account.Kind == LedgerAccountKind.BuyerRefunds)).ToList();
                if (toSeller.Count > 0 && toBuyer.Count > 0)
                {
                    var split = _store.Transitions.Any(t => t.After.Id == deal.Id && t.Settlement?.Outcome == DisputeOutcome.Split);
                    Check(split && toSeller.Count == 1 && toBuyer.Count == 1 && toSeller[0] == toBuyer[0],
                        "no deal both pays the seller and refunds the buyer unless one split did both", () => $"deal {deal.Id}");
                }
            }
        }

        private void CheckDealHistories()
        {
            foreach (var deal in _store.Deals.Values)
            {
                var history = _store.Transitions.Where(t => t.After.Id == deal.Id).ToList();
                var current = history.Count == 0 ? deal : history[0].Before;
                Check(current is { Status: DealStatus.AwaitingPayment, Version: 0 }, "every deal starts awaiting payment at version 0", () => $"deal {deal.Id}");
                foreach (var step in history)
                {
                    Check(step.Before == current && !current.Status.IsFinal(),
                        "each transition starts where the last one ended, never from a final status", () => $"deal {deal.Id}: {step.Command.Name}");
                    current = step.After;
                }

                Check(current == deal, "a deal is what its accepted commands made it", () => $"deal {deal.Id}");
            }
        }

        private Request RandomBuy(string key)
        {
            long[] buyers = [UserA, UserB, UserC, UserC, BannedId, UnregisteredId];
            var listingId = _random.Next(15) == 0 ? UnknownListingId : _listingIds[_random.Next(_listingIds.Count)];
            return new Request(key, new BuyListing(listingId, Pick(buyers)), null);
        }

        private Request RandomAct(string key)
        {
            var deals = _store.Deals.Values.OrderBy(d => d.Id).ToList();
            var open = deals.Where(d => !d.Status.IsFinal()).ToList();
            var deal = deals.Count == 0 || _random.Next(30) == 0 ? null
                : open.Count > 0 && _random.Next(4) != 0 ? open[_random.Next(open.Count)]
                : deals[_random.Next(deals.Count)];
            if (deal is null)
            {
                return new Request(key, null, new ActOnDeal(UnknownDealId, Actor.System, new ExpireDeal()));
            }

            // Mostly a step that could move the deal on, so sequences get deep; otherwise anything from anyone.
            (DealCommand Command, Actor Actor) next = _random.Next(3) != 0 && LikelyNext(deal) is { Length: > 0 } likely
                ? Pick(likely)
                : (RandomCommand(deal), RandomActor(deal));
            var (command, actor) = next;
            return new Request(key, null, new ActOnDeal(deal.Id, actor, command));
        }

        private (DealCommand Command, Actor Actor)[] LikelyNext(Deal deal)
        {
            var (buyer, seller, admin) = (Actor.User(deal.BuyerId), Actor.User(deal.SellerId), Actor.Admin(AdminId));
            return deal.Status switch
            {
                DealStatus.AwaitingPayment =>
                [
                    (RandomPayment(deal), Actor.System), (RandomPayment(deal), Actor.System), (RandomPayment(deal), Actor.System),
                    (new CancelDeal(), Pick([buyer, seller, admin])), (new ExpireDeal(), Actor.System),
                ],
                DealStatus.Paid =>
                [
                    (new DeliverAccount(), Pick([seller, Actor.System])), (new DeliverAccount(), seller),
                    (new RefundUndelivered(), Pick([buyer, seller, admin, Actor.System])),
                    (new OpenDispute("no delivery yet"), Pick([buyer, admin])),
                ],
                DealStatus.Delivered =>
                [
                    (new ConfirmReceipt(), buyer), (new AutoComplete(), Actor.System),
                    (new OpenDispute("the login does not work"), Pick([buyer, seller, admin])),
                ],
                DealStatus.Completed =>
                [
                    (new ReleaseFunds(), Actor.System), (new ReleaseFunds(), Actor.System),
                    (new OpenDispute("the account was taken back"), Pick([buyer, admin])),
                ],
                DealStatus.Disputed => [(RandomResolution(deal), Pick([admin, admin, Actor.Admin(NotAdminId)]))],
                _ => [],
            };
        }

        private Actor RandomActor(Deal deal) => Pick(
        [
            Actor.User(deal.BuyerId), Actor.User(deal.SellerId), Actor.System, Actor.Admin(AdminId),
            Actor.Admin(NotAdminId), Actor.Admin(BannedId), Actor.User(UserC), Actor.User(UnregisteredId),
        ]);

        private DealCommand RandomCommand(Deal deal) => _random.Next(10) switch
        {
            0 => RandomPayment(deal),
            1 => new CancelDeal(),
            2 => new ExpireDeal(),
            3 => new DeliverAccount(),
            4 => new RefundUndelivered(),
            5 => new ConfirmReceipt(),
            6 => new AutoComplete(),
            7 => new OpenDispute(_random.Next(8) == 0 ? " " : "the login does not work"),
            8 => new ReleaseFunds(),
            _ => RandomResolution(deal),
        };

        private ConfirmPayment RandomPayment(Deal deal)
        {
            var method = deal.Price.Currency == Currency.XTR ? PaymentMethod.TelegramStars : PaymentMethod.Crypto;
            return _random.Next(10) switch
            {
                0 => new ConfirmPayment(deal.Price + new Money(1m, deal.Price.Currency), method, NewKey()),
                1 => new ConfirmPayment(deal.Price, method == PaymentMethod.Crypto ? PaymentMethod.TelegramStars : PaymentMethod.Crypto, NewKey()),
                _ => new ConfirmPayment(deal.Price, method, NewKey()),
            };
        }

        private ResolveDispute RandomResolution(Deal deal)
        {
            var price = deal.Price;
            var outcome = (DisputeOutcome)_random.Next(3);
            Money? share = outcome != DisputeOutcome.Split ? null : _random.Next(6) switch
            {
                0 => Money.Zero(price.Currency),
                1 => price,
                2 => new Money(1m, price.Currency == Currency.XTR ? Currency.USDT : Currency.XTR),
                _ => new Money(decimal.Round(price.Amount * (decimal)_random.NextDouble(), price.Currency.Decimals()), price.Currency),
            };
            return new ResolveDispute(outcome, share, _random.Next(10) == 0 ? "" : "decided on the chat history");
        }

        private Money RandomPrice() => _random.Next(2) == 0
            ? new Money(_random.Next(1, 3) == 1 ? _random.Next(1, 5) : _random.Next(1, 2_000), Currency.XTR)
            : new Money(_random.Next(1, 500_000_000) / 1_000_000m, Currency.USDT);

        private T Pick<T>(T[] items) => items[_random.Next(items.Length)];

        private string NewKey() => $"k{_nextKey++}";

        private void Check(bool holds, string invariant, Func<string> detail)
        {
            if (!holds)
            {
                Assert.Fail($"seed {_seed}: {invariant} — broken: {detail()}\nsequence:\n{string.Join('\n', _log.Select(line => line()))}");
            }
        }

        private static string Describe(DealResult result) => result switch
        {
            { Replayed: true } => $"replayed deal {result.Deal?.Id} {result.Deal?.Status}",
            { Deal: { } deal } => $"deal {deal.Id} {deal.Status} v{deal.Version}",
            _ => $"refused {result.Refusal?.Code}",
        };
    }

    /// <summary>What was sent under a key: a buy or a command on a deal.</summary>
    private sealed record Request(string Key, BuyListing? Buy, ActOnDeal? Act)
    {
        public override string ToString() => Buy is { } buy
            ? $"{Key}: buy listing {buy.ListingId} by user {buy.BuyerId}"
            : $"{Key}: deal {Act!.DealId} {Act.Actor.Kind}#{Act.Actor.UserId} {Act.Command}";
    }
}
