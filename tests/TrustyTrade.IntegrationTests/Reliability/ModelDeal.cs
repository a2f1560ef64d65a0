using TrustyTrade.Core.Deals;
using TrustyTrade.Core.Monetary;

namespace TrustyTrade.IntegrationTests.Reliability;

/// <summary>The reference model's view of one deal: its status, version, deadlines and where its money is held.</summary>
internal sealed record ModelDeal(
    long Id,
    long ListingId,
    Money Price,
    Money Fee,
    DealStatus Status,
    int Version,
    DateTimeOffset PaymentDueAt,
    DateTimeOffset? DeliveryDueAt = null,
    DateTimeOffset? InspectionEndsAt = null,
    DateTimeOffset? WarrantyEndsAt = null,
    DealStatus? DisputedFrom = null);
