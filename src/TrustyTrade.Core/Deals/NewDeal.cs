using TrustyTrade.Core.Monetary;

namespace TrustyTrade.Core.Deals;

/// <summary>A deal about to be stored; the store gives it its id.</summary>
public sealed record NewDeal(
    long SellerId,
    long BuyerId,
    long ListingId,
    Money Price,
    Money Fee,
    int WarrantyDays,
    DateTimeOffset CreatedAt,
    DateTimeOffset PaymentDueAt);
