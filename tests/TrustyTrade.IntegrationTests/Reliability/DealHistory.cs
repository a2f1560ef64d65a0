using System.Globalization;
using Microsoft.Extensions.Time.Testing;
using TrustyTrade.Core.Deals;
using TrustyTrade.Core.Idempotency;
using TrustyTrade.Core.Listings;
using TrustyTrade.Core.Monetary;
using TrustyTrade.Core.Payments.Payouts;

namespace TrustyTrade.IntegrationTests.Reliability;

/// <summary>
/// One seeded history: its own users, listings and clock, then random requests through DealService and PayoutService,
/// each answer compared with <see cref="DealModel"/>; then the database is audited against the model. A history's
/// deadlines pass on its own <see cref="FakeTimeProvider"/>, so histories running at once never move each other's time.
/// </summary>
internal sealed class DealHistory(HistoryBench bench, int masterSeed, int seed)
{
    private const string PayoutAddress = "0x00000000000000000000000000000000000000aa";

    private static readonly TimeSpan[] ClockSteps =
    [
        TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(31), TimeSpan.FromMinutes(61), TimeSpan.FromHours(47),
        TimeSpan.FromHours(49), TimeSpan.FromHours(73), TimeSpan.FromDays(4), TimeSpan.FromDays(6),
    ];

    private readonly Random _random = new(seed);
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero).AddMinutes(seed % 100_000));
    private readonly List<string> _log = [];
    private readonly List<HistoryRequest> _sent = [];
    private readonly Dictionary<long, List<string>> _paymentReferences = [];
    private DealModel _model = null!;
    private DealService _deals = null!;
    private int _nextKey;

    public async Task RunAsync()
    {
        _deals = bench.DealsOn(_clock);
        var data = bench.Data;
        var seller = await data.UserAsync();
        var buyer = await data.UserAsync();
        var admin = await data.UserAsync(role: "admin");
        var stranger = await data.UserAsync();
        _model = new DealModel(bench.Policy, bench.Policy.DefaultWarrantyDays, seller, buyer, admin, stranger);
        _log.Add($"seller {seller}, buyer {buyer}, admin {admin}, stranger {stranger}");
        var listings = _random.Next(1, 4);
        for (var i = 0; i < listings; i++)
        {
            var price = RandomPrice();
            var id = await data.ListingAsync(seller, price, game: HistoryBench.Game);
            _model.AddListing(id);
            _model.ListingPrices[id] = price;
            _log.Add($"listing {id} at {price}");
        }

        if (_random.Next(2) == 0)
        {
            // The buyer has earnings of their own, so their payouts draw on earnings and refunds owed at once.
            var earnings = new Money(_random.Next(1, 50_000_000) / 1_000_000m, Currency.USDT);
            await data.CreditAsync(buyer, "seller_available", earnings);
            _model.AddEarnings(buyer, earnings);
            _log.Add($"buyer's own earnings {earnings}");
        }

        var length = _random.Next(10, 40);
        for (var step = 0; step < length; step++)
        {
            bench.Tally.Step();
            var roll = _random.Next(100);
            switch (roll)
            {
                case < 12:
                    var by = ClockSteps[_random.Next(ClockSteps.Length)];
                    _clock.Advance(by);
                    _log.Add($"clock +{by}");
                    break;
                case < 22:
                    await SendAsync(RandomBuy());
                    break;
                case < 34 when _model.Deals.Count > 0:
                    await RaceAsync();
                    break;
                case < 42 when _sent.Count > 0:
                    // The same request again: a redelivery, perhaps out of order; now and then another request under its key.
                    var again = _sent[_random.Next(_sent.Count)];
                    await SendAsync(again is DealRequest earlier && _random.Next(5) == 0 ? RandomAct(earlier.Key) : again);
                    break;
                case < 46 when _paymentReferences.Count > 0:
                    await SendAsync(DuplicatePaymentNotice());
                    break;
                case < 54:
                    await (_random.Next(4) == 0 ? RaceAsync(RandomPayout(), RandomPayout()) : SendAsync(RandomPayout()));
                    break;
                default:
                    await SendAsync(_model.Deals.Count == 0 ? RandomBuy() : RandomAct(NewKey("d")));
                    break;
            }
        }

        bench.Tally.InvariantsChecked(await bench.Audit.CheckHistoryAsync(_model, Fail));
    }

    private async Task SendAsync(HistoryRequest request)
    {
        var observed = await CallAsync(request);
        _sent.Add(request);
        var now = _clock.GetUtcNow();
        _log.Add($"[{At()}] {request} => {observed}");
        bench.Tally.Saw(request, observed);
        if (_model.Apply(request, observed, now) is { } mismatch)
        {
            Fail($"the app and the model disagree on {request}: {mismatch}");
        }

        CheckModelHolds();
    }

    private Task RaceAsync()
    {
        var deal = PickDeal();
        var first = RandomActOn(deal, NewKey("r"));
        var second = _random.Next(4) switch
        {
            0 => first, // the same request twice at once, one key
            1 => first with { Key = NewKey("r") }, // the same command from two callers
            _ => RandomActOn(deal, NewKey("r")),
        };
        return RaceAsync(first, second);
    }

    /// <summary>Two requests at once: the answers must be those of one of the two orders the model can run them in.</summary>
    private async Task RaceAsync(HistoryRequest first, HistoryRequest second)
    {
        var answers = await Task.WhenAll(Task.Run(() => CallAsync(first)), Task.Run(() => CallAsync(second)));
        _sent.Add(first);
        _sent.Add(second);
        var now = _clock.GetUtcNow();
        _log.Add($"[{At()}] race: {first} => {answers[0]} | {second} => {answers[1]}");
        bench.Tally.Race(answers.Count(a => a.Succeeded && !a.Replayed) == 1);
        bench.Tally.Saw(first, answers[0]);
        bench.Tally.Saw(second, answers[1]);

        var inOrder = _model.Clone();
        var mismatch = inOrder.Apply(first, answers[0], now) ?? inOrder.Apply(second, answers[1], now);
        if (mismatch is null)
        {
            _model = inOrder;
        }
        else
        {
            var reversed = _model.Clone();
            var other = reversed.Apply(second, answers[1], now) ?? reversed.Apply(first, answers[0], now);
            if (other is not null)
            {
                Fail($"no order of the race explains the answers: in order {mismatch}; reversed {other}");
            }

            _model = reversed;
        }

        CheckModelHolds();
    }

    private async Task<Observed> CallAsync(HistoryRequest request) => request switch
    {
        BuyRequest buy => Observed.Of(await _deals.BuyAsync(new IdentifiedCommand<BuyListing>(new IdempotencyKey(buy.Key), buy.Buy), CancellationToken.None)),
        DealRequest act => Observed.Of(await _deals.ExecuteAsync(new IdentifiedCommand<ActOnDeal>(new IdempotencyKey(act.Key), act.Act), CancellationToken.None)),
        PayoutAsk payout => Observed.Of(await bench.Payouts.RequestAsync(
            new PayoutRequest(payout.UserId, payout.Amount, PayoutAddress, new IdempotencyKey(payout.Key)), CancellationToken.None)),
        _ => throw new ArgumentOutOfRangeException(nameof(request)),
    };

    /// <summary>The model's own invariants after every step: no hold negative, and a deal holds its price exactly while paid and open.</summary>
    private void CheckModelHolds()
    {
        foreach (var deal in _model.Deals.Values)
        {
            var escrow = _model.Balance(Core.Ledger.LedgerAccountKind.Escrow, deal.Id, deal.Price.Currency);
            var warranty = _model.Balance(Core.Ledger.LedgerAccountKind.WarrantyHold, deal.Id, deal.Price.Currency);
            var holds = deal.Status is DealStatus.Paid or DealStatus.Delivered or DealStatus.Completed or DealStatus.Disputed;
            if (escrow < 0m || warranty < 0m || escrow + warranty != (holds ? deal.Price.Amount : 0m))
            {
                Fail($"the model's deal {deal.Id} ({deal.Status}) holds {escrow} in escrow and {warranty} in warranty");
            }
        }
    }

    private BuyRequest RandomBuy()
    {
        var listing = _model.Listings.Keys.ElementAt(_random.Next(_model.Listings.Count));
        var active = _model.Listings.Where(l => l.Value == ListingStatus.Active).Select(l => l.Key).ToList();
        if (active.Count > 0 && _random.Next(4) != 0)
        {
            listing = active[_random.Next(active.Count)];
        }

        return new BuyRequest(NewKey("b"), new BuyListing(listing, _random.Next(12) == 0 ? _model.SellerId : _model.BuyerId));
    }

    private ModelDeal PickDeal()
    {
        var deals = _model.Deals.Values.OrderBy(d => d.Id).ToList();
        var open = deals.Where(d => !d.Status.IsFinal()).ToList();
        return open.Count > 0 && _random.Next(5) != 0 ? open[_random.Next(open.Count)] : deals[_random.Next(deals.Count)];
    }

    private DealRequest RandomAct(string key) => RandomActOn(PickDeal(), key);

    private DealRequest RandomActOn(ModelDeal deal, string key)
    {
        var (buyer, seller, admin, system) = (Actor.User(_model.BuyerId), Actor.User(_model.SellerId), Actor.Admin(_model.AdminId), Actor.System);
        (DealCommand Command, Actor Actor)[] likely = deal.Status switch
        {
            DealStatus.AwaitingPayment => [(Payment(deal), system), (Payment(deal), system), (new CancelDeal(), Pick([buyer, seller, admin])), (new ExpireDeal(), system)],
            DealStatus.Paid => [(new DeliverAccount(), Pick([seller, system])), (new RefundUndelivered(), Pick([buyer, seller, admin, system])), (new OpenDispute("no delivery yet"), Pick([buyer, admin]))],
            DealStatus.Delivered => [(new ConfirmReceipt(), buyer), (new AutoComplete(), system), (new OpenDispute("the login does not work"), Pick([buyer, seller, admin]))],
            DealStatus.Completed => [(new ReleaseFunds(), system), (new ReleaseFunds(), system), (new OpenDispute("the account was taken back"), Pick([buyer, admin]))],
            DealStatus.Disputed => [(Resolution(deal), admin), (Resolution(deal), admin), (Resolution(deal), Actor.Admin(_model.StrangerId))],
            _ => [],
        };
        var (command, actor) = likely.Length > 0 && _random.Next(3) != 0 ? Pick(likely) : (RandomCommand(deal), RandomActor());
        return new DealRequest(key, new ActOnDeal(deal.Id, actor, command));
    }

    private Actor RandomActor() => Pick(
    [
        Actor.User(_model.BuyerId), Actor.User(_model.SellerId), Actor.System, Actor.Admin(_model.AdminId),
        Actor.Admin(_model.StrangerId), Actor.User(_model.StrangerId),
    ]);

    private DealCommand RandomCommand(ModelDeal deal) => _random.Next(10) switch
    {
        0 => Payment(deal),
        1 => new CancelDeal(),
        2 => new ExpireDeal(),
        3 => new DeliverAccount(),
        4 => new RefundUndelivered(),
        5 => new ConfirmReceipt(),
        6 => new AutoComplete(),
        7 => new OpenDispute(_random.Next(8) == 0 ? " " : "the login does not work"),
        8 => new ReleaseFunds(),
        _ => Resolution(deal),
    };

    /// <summary>A payment notice for the deal: mostly right, sometimes the wrong amount or method, each with a fresh reference.</summary>
    private ConfirmPayment Payment(ModelDeal deal)
    {
        var price = deal.Price;
        var method = price.Currency == Currency.XTR ? PaymentMethod.TelegramStars : PaymentMethod.Crypto;
        var unit = price.Currency == Currency.XTR ? 1m : 0.000001m;
        var reference = $"ref-{masterSeed}-{seed}-{_nextKey++}";
        if (!_paymentReferences.TryGetValue(deal.Id, out var references))
        {
            _paymentReferences[deal.Id] = references = [];
        }

        references.Add(reference);
        var amount = _random.Next(10) switch
        {
            0 => price + new Money(unit, price.Currency), // Stars: wrong; chain: the excess is the buyer's
            1 when price.Amount > unit => price - new Money(unit, price.Currency),
            _ => price,
        };
        return _random.Next(12) == 0
            ? new ConfirmPayment(amount, method == PaymentMethod.Crypto ? PaymentMethod.TelegramStars : PaymentMethod.Crypto, reference)
            : new ConfirmPayment(amount, method, reference);
    }

    /// <summary>A payment notice seen before (same reference), under the same key or a new one.</summary>
    private DealRequest DuplicatePaymentNotice()
    {
        bench.Tally.DuplicatePayment();
        var earlier = _sent.OfType<DealRequest>().Where(r => r.Act.Command is ConfirmPayment).ToList();
        if (earlier.Count > 0 && _random.Next(3) != 0)
        {
            var notice = earlier[_random.Next(earlier.Count)];
            return _random.Next(2) == 0 ? notice : notice with { Key = NewKey("p") };
        }

        var dealId = _paymentReferences.Keys.ElementAt(_random.Next(_paymentReferences.Count));
        var deal = _model.Deals[dealId];
        var reference = _paymentReferences[dealId][0];
        var method = deal.Price.Currency == Currency.XTR ? PaymentMethod.TelegramStars : PaymentMethod.Crypto;
        return new DealRequest(NewKey("p"), new ActOnDeal(dealId, Actor.System, new ConfirmPayment(deal.Price, method, reference)));
    }

    private ResolveDispute Resolution(ModelDeal deal)
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

    /// <summary>A withdrawal in USDT by the seller or the buyer: all they have, a part, or just over it.</summary>
    private PayoutAsk RandomPayout()
    {
        var user = _random.Next(2) == 0 ? _model.SellerId : _model.BuyerId;
        var available = _model.Withdrawable(user, Currency.USDT);
        var amount = _random.Next(4) switch
        {
            0 => available + 0.000001m,
            1 => Math.Max(decimal.Round(available * (decimal)_random.NextDouble(), 6), 0.000001m),
            2 => 1m,
            _ => Math.Max(available, 0.000001m),
        };
        return new PayoutAsk(NewKey("w"), user, new Money(amount, Currency.USDT));
    }

    private Money RandomPrice() => _random.Next(2) == 0
        ? new Money(_random.Next(3) == 0 ? _random.Next(1, 5) : _random.Next(1, 2_000), Currency.XTR)
        : new Money(_random.Next(1, 500_000_000) / 1_000_000m, Currency.USDT);

    private T Pick<T>(T[] items) => items[_random.Next(items.Length)];

    private string NewKey(string kind) => string.Create(CultureInfo.InvariantCulture, $"rel-{masterSeed}-{seed}-{kind}{_nextKey++}");

    private string At() => (_clock.GetUtcNow() - _clock.Start).ToString("c", CultureInfo.InvariantCulture);

    private void Fail(string broken) => throw new HistoryFailedException(
        $"master seed {masterSeed}, history seed {seed} (replay: TT_RELIABILITY_SEED={seed}): {broken}\nsteps:\n{string.Join('\n', _log)}");
}
