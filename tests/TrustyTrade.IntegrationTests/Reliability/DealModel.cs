using TrustyTrade.Core.Deals;
using TrustyTrade.Core.Ledger;
using TrustyTrade.Core.Listings;
using TrustyTrade.Core.Monetary;

namespace TrustyTrade.IntegrationTests.Reliability;

/// <summary>
/// The reference model of one history: what each request must do given the requests accepted before it, written from
/// the escrow rules (DealStateMachine's table) without using them. It keeps each deal's status and deadlines, the
/// listings' statuses, the idempotency keys that succeeded, and the balance of every account the history owns (its
/// deals' escrow, warranty hold and deposits; its users' earnings, refunds and pending payouts). Shared accounts
/// (payments received, fees, exchange) are checked only as part of the whole ledger.
/// </summary>
internal sealed class DealModel
{
    private readonly EscrowOptions _policy;
    private readonly int _warrantyDays;
    private Dictionary<long, ModelDeal> _deals = [];
    private Dictionary<long, ListingStatus> _listings = [];
    private Dictionary<string, (string Command, long Id, DealStatus? Status, int? Version)> _keys = new(StringComparer.Ordinal);
    private Dictionary<(LedgerAccountKind Kind, long Owner, Currency Currency), decimal> _balances = [];

    public DealModel(EscrowOptions policy, int warrantyDays, long sellerId, long buyerId, long adminId, long strangerId)
    {
        _policy = policy;
        _warrantyDays = warrantyDays;
        (SellerId, BuyerId, AdminId, StrangerId) = (sellerId, buyerId, adminId, strangerId);
    }

    public long SellerId { get; }

    public long BuyerId { get; }

    public long AdminId { get; }

    /// <summary>A registered user with no part in the history's deals and no admin role.</summary>
    public long StrangerId { get; }

    public IReadOnlyDictionary<long, ModelDeal> Deals => _deals;

    /// <summary>Each listing's price, set once when the history lists it (shared by clones: it never changes).</summary>
    public Dictionary<long, Money> ListingPrices { get; } = [];

    public IReadOnlyDictionary<long, ListingStatus> Listings => _listings;

    public IReadOnlyDictionary<(LedgerAccountKind Kind, long Owner, Currency Currency), decimal> Balances => _balances;

    public void AddListing(long id) => _listings[id] = ListingStatus.Active;

    /// <summary>Earnings the user has from outside the history (set up before it starts).</summary>
    public void AddEarnings(long userId, Money amount) => Credit(LedgerAccountKind.SellerAvailable, userId, amount);

    public decimal Balance(LedgerAccountKind kind, long owner, Currency currency) => _balances.GetValueOrDefault((kind, owner, currency));

    /// <summary>What <paramref name="userId"/> may withdraw in <paramref name="currency"/>: earnings and refunds owed.</summary>
    public decimal Withdrawable(long userId, Currency currency) =>
        Balance(LedgerAccountKind.SellerAvailable, userId, currency) + Balance(LedgerAccountKind.BuyerRefunds, userId, currency);

    public DealModel Clone()
    {
        var copy = (DealModel)MemberwiseClone();
        copy._deals = new(_deals);
        copy._listings = new(_listings);
        copy._keys = new(_keys, StringComparer.Ordinal);
        copy._balances = new(_balances);
        return copy;
    }

    /// <summary>Compares the app's answer with the model's and, when they agree, takes the request's effect. Null when they agree.</summary>
    public string? Apply(HistoryRequest request, Observed observed, DateTimeOffset now) => request switch
    {
        BuyRequest buy => ApplyBuy(buy, observed, now),
        DealRequest act => ApplyAct(act, observed, now),
        PayoutAsk payout => ApplyPayout(payout, observed),
        _ => throw new ArgumentOutOfRangeException(nameof(request)),
    };

    private string? ApplyBuy(BuyRequest request, Observed observed, DateTimeOffset now)
    {
        var (listingId, buyerId) = (request.Buy.ListingId, request.Buy.BuyerId);
        if (_keys.TryGetValue(request.Key, out var stored))
        {
            var same = stored.Command == "buy" && _deals.TryGetValue(stored.Id, out var first) && first.ListingId == listingId && buyerId == BuyerId;
            return same
                ? Expect(observed, new Observed(true, true, stored.Id, stored.Status, stored.Version, null))
                : Refused(observed, DealRefusalCode.IdempotencyKeyReused);
        }

        if (buyerId == SellerId)
        {
            return Refused(observed, DealRefusalCode.OwnListing);
        }

        if (_listings[listingId] != ListingStatus.Active)
        {
            return Refused(observed, DealRefusalCode.ListingUnavailable);
        }

        if (!observed.Succeeded || observed.Replayed || observed.Id is not { } id || _deals.ContainsKey(id))
        {
            return $"expected a new deal, got {observed}";
        }

        var price = ListingPrices[listingId];
        var deal = new ModelDeal(id, listingId, price, _policy.CommissionOn(price), DealStatus.AwaitingPayment, 0, now + _policy.PaymentWindowFor(price.Currency));
        var mismatch = Expect(observed, new Observed(true, false, id, DealStatus.AwaitingPayment, 0, null));
        if (mismatch is null)
        {
            _deals[id] = deal;
            _listings[listingId] = ListingStatus.Reserved;
            _keys[request.Key] = ("buy", id, DealStatus.AwaitingPayment, 0);
        }

        return mismatch;
    }

    private string? ApplyAct(DealRequest request, Observed observed, DateTimeOffset now)
    {
        var (dealId, actor, command) = request.Act;
        var deal = _deals[dealId];
        if (actor.Kind == ActorKind.User && actor.UserId != BuyerId && actor.UserId != SellerId)
        {
            return Refused(observed, DealRefusalCode.NotAParty);
        }

        if (_keys.TryGetValue(request.Key, out var stored))
        {
            return stored.Command == command.Name && stored.Id == dealId
                ? Expect(observed, new Observed(true, true, dealId, stored.Status, stored.Version, null))
                : Refused(observed, DealRefusalCode.IdempotencyKeyReused);
        }

        if (actor.Kind == ActorKind.Admin && actor.UserId != AdminId)
        {
            return Refused(observed, DealRefusalCode.NotAllowedForRole);
        }

        var decision = Decide(deal, actor, command, now);
        if (decision.Refusal is { } refusal)
        {
            return Refused(observed, refusal);
        }

        var after = decision.After! with { Version = deal.Version + 1 };
        var mismatch = Expect(observed, new Observed(true, false, dealId, after.Status, after.Version, null));
        if (mismatch is null)
        {
            _deals[dealId] = after;
            if (decision.Listing is { } listing)
            {
                _listings[deal.ListingId] = listing;
            }

            foreach (var (kind, owner, amount) in decision.Entries)
            {
                Credit(kind, owner, new Money(amount, deal.Price.Currency));
            }

            _keys[request.Key] = (command.Name, dealId, after.Status, after.Version);
        }

        return mismatch;
    }

    private string? ApplyPayout(PayoutAsk request, Observed observed)
    {
        var (user, amount) = (request.UserId, request.Amount);
        _keys.TryGetValue(request.Key, out var stored);
        if (Withdrawable(user, amount.Currency) < amount.Amount)
        {
            // A replay of a request already stored still answers with it.
            return stored.Command == "payout"
                ? Expect(observed, new Observed(true, false, stored.Id, null, null, null))
                : Expect(observed, new Observed(false, false, null, null, null, nameof(Core.Payments.Payouts.PayoutRefusal.InsufficientBalance)));
        }

        if (stored.Command == "payout")
        {
            return Expect(observed, new Observed(true, false, stored.Id, null, null, null));
        }

        if (!observed.Succeeded || observed.Id is not { } id)
        {
            return $"expected a payout of {amount}, got {observed}";
        }

        // Earnings first, then refunds owed.
        var fromEarnings = Math.Clamp(Balance(LedgerAccountKind.SellerAvailable, user, amount.Currency), 0m, amount.Amount);
        Credit(LedgerAccountKind.SellerAvailable, user, new Money(-fromEarnings, amount.Currency));
        Credit(LedgerAccountKind.BuyerRefunds, user, new Money(fromEarnings - amount.Amount, amount.Currency));
        Credit(LedgerAccountKind.PayoutPending, user, amount);
        _keys[request.Key] = ("payout", id, null, null);
        return null;
    }

    private void Credit(LedgerAccountKind kind, long owner, Money amount)
    {
        if (!amount.IsZero)
        {
            _balances[(kind, owner, amount.Currency)] = Balance(kind, owner, amount.Currency) + amount.Amount;
        }
    }

    /// <summary>The escrow rules, from the table in DealStateMachine's remarks (role and status are checked in that order).</summary>
    private Decision Decide(ModelDeal deal, Actor actor, DealCommand command, DateTimeOffset now)
    {
        var role = actor.Kind switch
        {
            ActorKind.System => DealRole.System,
            ActorKind.Admin => DealRole.Admin,
            _ => actor.UserId == BuyerId ? DealRole.Buyer : DealRole.Seller,
        };
        var (price, id) = (deal.Price, deal.Id);
        switch (command)
        {
            case ConfirmPayment pay:
                if (Gate(deal, role, [DealStatus.AwaitingPayment], DealRole.System) is { } payGate)
                {
                    return payGate;
                }

                if ((pay.Method == PaymentMethod.TelegramStars ? Currency.XTR : Currency.USDT) != price.Currency)
                {
                    return Decision.Refuse(DealRefusalCode.WrongPaymentMethod);
                }

                if (pay.Method == PaymentMethod.Crypto ? pay.Amount < price : pay.Amount != price)
                {
                    return Decision.Refuse(DealRefusalCode.WrongAmount);
                }

                return Decision.Accept(deal with { Status = DealStatus.Paid, DeliveryDueAt = now + _policy.DeliveryWindow }, null,
                    pay.Method == PaymentMethod.Crypto
                        ? [(LedgerAccountKind.Deposits, id, -pay.Amount.Amount), (LedgerAccountKind.Escrow, id, price.Amount),
                           (LedgerAccountKind.BuyerRefunds, BuyerId, pay.Amount.Amount - price.Amount)]
                        : [(LedgerAccountKind.Escrow, id, price.Amount)]);

            case CancelDeal:
                return Gate(deal, role, [DealStatus.AwaitingPayment], DealRole.Buyer, DealRole.Seller, DealRole.Admin)
                    ?? Decision.Accept(deal with { Status = DealStatus.Cancelled }, ListingStatus.Active, []);

            case ExpireDeal:
                return Gate(deal, role, [DealStatus.AwaitingPayment], DealRole.System)
                    ?? NotBefore(now, deal.PaymentDueAt)
                    ?? Decision.Accept(deal with { Status = DealStatus.Expired }, ListingStatus.Active, []);

            case DeliverAccount:
                return Gate(deal, role, [DealStatus.Paid], DealRole.Seller, DealRole.System)
                    ?? Decision.Accept(deal with { Status = DealStatus.Delivered, InspectionEndsAt = now + _policy.InspectionWindow }, null, []);

            case RefundUndelivered:
                return Gate(deal, role, [DealStatus.Paid], DealRole.Seller, DealRole.Admin, DealRole.Buyer, DealRole.System)
                    ?? (role is DealRole.Buyer or DealRole.System ? NotBefore(now, deal.DeliveryDueAt) : null)
                    ?? Decision.Accept(deal with { Status = DealStatus.Refunded }, ListingStatus.Active,
                        [(LedgerAccountKind.Escrow, id, -price.Amount), (LedgerAccountKind.BuyerRefunds, BuyerId, price.Amount)]);

            case ConfirmReceipt:
                return Gate(deal, role, [DealStatus.Delivered], DealRole.Buyer) ?? Complete(deal, now);

            case AutoComplete:
                return Gate(deal, role, [DealStatus.Delivered], DealRole.System) ?? NotBefore(now, deal.InspectionEndsAt) ?? Complete(deal, now);

            case OpenDispute open:
                return (role == DealRole.Seller
                        ? Gate(deal, role, [DealStatus.Delivered], DealRole.Seller)
                        : Gate(deal, role, [DealStatus.Paid, DealStatus.Delivered, DealStatus.Completed], DealRole.Buyer, DealRole.Admin))
                    ?? (string.IsNullOrWhiteSpace(open.Reason) ? Decision.Refuse(DealRefusalCode.ReasonRequired) : null)
                    ?? (deal.Status == DealStatus.Completed && now >= deal.WarrantyEndsAt ? Decision.Refuse(DealRefusalCode.WarrantyOver) : null)
                    ?? Decision.Accept(deal with { Status = DealStatus.Disputed, DisputedFrom = deal.Status }, null, []);

            case ReleaseFunds:
                return Gate(deal, role, [DealStatus.Completed], DealRole.System)
                    ?? NotBefore(now, deal.WarrantyEndsAt)
                    ?? Decision.Accept(deal with { Status = DealStatus.Released }, null,
                        [(LedgerAccountKind.WarrantyHold, id, -price.Amount), (LedgerAccountKind.SellerAvailable, SellerId, price.Amount - deal.Fee.Amount)]);

            case ResolveDispute resolve:
                return Gate(deal, role, [DealStatus.Disputed], DealRole.Admin) ?? Resolve(deal, resolve);

            default:
                throw new ArgumentOutOfRangeException(nameof(command), command.Name, "not modelled");
        }
    }

    private Decision Complete(ModelDeal deal, DateTimeOffset now) => Decision.Accept(
        deal with { Status = DealStatus.Completed, WarrantyEndsAt = now + TimeSpan.FromDays(_warrantyDays) },
        ListingStatus.Sold,
        [(LedgerAccountKind.Escrow, deal.Id, -deal.Price.Amount), (LedgerAccountKind.WarrantyHold, deal.Id, deal.Price.Amount)]);

    private Decision Resolve(ModelDeal deal, ResolveDispute resolve)
    {
        if (string.IsNullOrWhiteSpace(resolve.Note))
        {
            return Decision.Refuse(DealRefusalCode.ReasonRequired);
        }

        var price = deal.Price;
        decimal share;
        switch (resolve.Outcome)
        {
            case DisputeOutcome.ReleaseToSeller:
                share = price.Amount;
                break;
            case DisputeOutcome.RefundToBuyer:
                share = 0m;
                break;
            default:
                if (resolve.SellerShare is not { } split || split.Currency != price.Currency
                    || decimal.Round(split.Amount, price.Currency.Decimals()) != split.Amount || split.Amount <= 0m || split.Amount >= price.Amount)
                {
                    return Decision.Refuse(DealRefusalCode.InvalidSplit);
                }

                share = split.Amount;
                break;
        }

        var fee = decimal.Round(deal.Fee.Amount * share / price.Amount, price.Currency.Decimals(), MidpointRounding.AwayFromZero);
        var heldIn = deal.DisputedFrom == DealStatus.Completed ? LedgerAccountKind.WarrantyHold : LedgerAccountKind.Escrow;
        return Decision.Accept(deal with { Status = DealStatus.Resolved }, share == 0m ? ListingStatus.Removed : ListingStatus.Sold,
            [(heldIn, deal.Id, -price.Amount), (LedgerAccountKind.SellerAvailable, SellerId, share - fee), (LedgerAccountKind.BuyerRefunds, BuyerId, price.Amount - share)]);
    }

    private static Decision? Gate(ModelDeal deal, DealRole role, DealStatus[] statuses, params DealRole[] roles) =>
        !statuses.Contains(deal.Status) ? Decision.Refuse(DealRefusalCode.NotAllowedInStatus)
        : !roles.Contains(role) ? Decision.Refuse(DealRefusalCode.NotAllowedForRole)
        : null;

    private static Decision? NotBefore(DateTimeOffset now, DateTimeOffset? due) =>
        due is { } moment && now < moment ? Decision.Refuse(DealRefusalCode.TooEarly) : null;

    private static string? Refused(Observed observed, DealRefusalCode code) =>
        Expect(observed, new Observed(false, false, null, null, null, code.ToString()));

    private static string? Expect(Observed observed, Observed expected) =>
        observed == expected ? null : $"expected {expected}, got {observed}";

    /// <summary>The model's decision: a refusal, or the deal after, the listing's new status and the entries on owned accounts.</summary>
    private sealed record Decision(DealRefusalCode? Refusal, ModelDeal? After, ListingStatus? Listing, (LedgerAccountKind Kind, long Owner, decimal Amount)[] Entries)
    {
        public static Decision Refuse(DealRefusalCode code) => new(code, null, null, []);

        public static Decision Accept(ModelDeal after, ListingStatus? listing, (LedgerAccountKind, long, decimal)[] entries) => new(null, after, listing, entries);
    }
}
