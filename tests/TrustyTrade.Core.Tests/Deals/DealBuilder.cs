using TrustyTrade.Core.Deals;
using TrustyTrade.Core.Monetary;

namespace TrustyTrade.Core.Tests.Deals;

/// <summary>
/// Builds a <see cref="Deal"/> as if it had walked the state machine's path to the asked status under the default
/// <see cref="EscrowOptions"/>: each step's timestamp and deadline set, later ones empty, and one version per step.
/// </summary>
internal sealed class DealBuilder
{
    public static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    public const long DefaultDealId = 7;
    public const long DefaultSellerId = 10;
    public const long DefaultBuyerId = 20;
    public const long DefaultListingId = 30;

    private static readonly EscrowOptions Policy = new();

    private readonly DealStatus _status;
    private DealStatus _disputedFrom = DealStatus.Delivered;
    private long _id = DefaultDealId;
    private long _sellerId = DefaultSellerId;
    private long _buyerId = DefaultBuyerId;
    private long _listingId = DefaultListingId;
    private Money _price = new(100m, Currency.XTR);
    private Money _fee = new(5m, Currency.XTR);
    private int _warrantyDays = Policy.DefaultWarrantyDays;

    private DealBuilder(DealStatus status) => _status = status;

    /// <summary>A deal in <paramref name="status"/>; a dispute is opened from delivered unless <see cref="DisputedFrom"/> says otherwise.</summary>
    public static DealBuilder InStatus(DealStatus status) => new(status);

    public DealBuilder PricedAt(decimal price, decimal fee, Currency currency)
    {
        _price = new Money(price, currency);
        _fee = new Money(fee, currency);
        return this;
    }

    public DealBuilder InXtr(decimal price, decimal fee) => PricedAt(price, fee, Currency.XTR);

    public DealBuilder InUsdt(decimal price, decimal fee) => PricedAt(price, fee, Currency.USDT);

    public DealBuilder WithWarrantyDays(int days)
    {
        _warrantyDays = days;
        return this;
    }

    /// <summary>For Disputed or Resolved deals: the status the dispute was opened from (paid, delivered or completed).</summary>
    public DealBuilder DisputedFrom(DealStatus status)
    {
        _disputedFrom = status;
        return this;
    }

    public DealBuilder WithId(long id)
    {
        _id = id;
        return this;
    }

    public DealBuilder Between(long sellerId, long buyerId)
    {
        _sellerId = sellerId;
        _buyerId = buyerId;
        return this;
    }

    public DealBuilder ForListing(long listingId)
    {
        _listingId = listingId;
        return this;
    }

    public Deal Build()
    {
        var created = new Deal(_id, _sellerId, _buyerId, _listingId, DealStatus.AwaitingPayment, _price, _fee, _warrantyDays,
            Version: 0, CreatedAt: Start, PaymentDueAt: Start + Policy.PaymentWindow);
        return _status switch
        {
            DealStatus.AwaitingPayment => created,
            DealStatus.Cancelled => Close(created, DealStatus.Cancelled, created.CreatedAt + TimeSpan.FromMinutes(5)),
            DealStatus.Expired => Close(created, DealStatus.Expired, created.PaymentDueAt),
            DealStatus.Paid => Paid(created),
            DealStatus.Refunded => Close(Paid(created), DealStatus.Refunded, Paid(created).PaidAt!.Value + TimeSpan.FromHours(1)),
            DealStatus.Delivered => Delivered(created),
            DealStatus.Completed => Completed(created),
            DealStatus.Released => Close(Completed(created), DealStatus.Released, Completed(created).WarrantyEndsAt!.Value),
            DealStatus.Disputed => Disputed(created),
            DealStatus.Resolved => Close(Disputed(created), DealStatus.Resolved, LastEventAt(Disputed(created)) + TimeSpan.FromDays(1)),
            _ => throw new ArgumentOutOfRangeException(nameof(_status), _status, "unknown deal status"),
        };
    }

    /// <summary>The latest moment the deal records, so "shortly after it" is before any deadline still ahead of it.</summary>
    public static DateTimeOffset LastEventAt(Deal deal)
    {
        ArgumentNullException.ThrowIfNull(deal);
        return new[] { deal.CreatedAt, deal.PaidAt, deal.DeliveredAt, deal.CompletedAt, deal.ClosedAt }
            .Where(moment => moment is not null)
            .Max(moment => moment!.Value);
    }

    private static Deal Paid(Deal created)
    {
        var paidAt = created.CreatedAt + TimeSpan.FromMinutes(10);
        return Step(created, DealStatus.Paid) with { PaidAt = paidAt, DeliveryDueAt = paidAt + Policy.DeliveryWindow };
    }

    private static Deal Delivered(Deal created)
    {
        var paid = Paid(created);
        var deliveredAt = paid.PaidAt!.Value + TimeSpan.FromHours(2);
        return Step(paid, DealStatus.Delivered) with { DeliveredAt = deliveredAt, InspectionEndsAt = deliveredAt + Policy.InspectionWindow };
    }

    private static Deal Completed(Deal created)
    {
        var delivered = Delivered(created);
        var completedAt = delivered.DeliveredAt!.Value + TimeSpan.FromHours(1);
        return Step(delivered, DealStatus.Completed) with
        {
            CompletedAt = completedAt,
            WarrantyEndsAt = completedAt + TimeSpan.FromDays(delivered.WarrantyDays),
        };
    }

    private Deal Disputed(Deal created)
    {
        var before = _disputedFrom switch
        {
            DealStatus.Paid => Paid(created),
            DealStatus.Delivered => Delivered(created),
            DealStatus.Completed => Completed(created),
            _ => throw new InvalidOperationException($"a dispute can't be opened from {_disputedFrom}"),
        };
        return Step(before, DealStatus.Disputed) with { DisputedFrom = _disputedFrom };
    }

    private static Deal Step(Deal deal, DealStatus status) => deal with { Status = status, Version = deal.Version + 1 };

    private static Deal Close(Deal deal, DealStatus status, DateTimeOffset at) => Step(deal, status) with { ClosedAt = at };
}
