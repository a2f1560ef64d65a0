using TrustyTrade.Core.Monetary;

namespace TrustyTrade.Core.Deals;

/// <summary>
/// One purchase of one listing. Deadlines are fixed when the deal reaches the step they belong to, so a later
/// change of policy never moves a running deal's goalposts.
/// </summary>
public sealed record Deal(
    long Id,
    long SellerId,
    long BuyerId,
    long ListingId,
    DealStatus Status,
    Money Price,
    Money Fee,
    int WarrantyDays,
    int Version,
    DateTimeOffset CreatedAt,
    DateTimeOffset PaymentDueAt,
    DateTimeOffset? PaidAt = null,
    DateTimeOffset? DeliveryDueAt = null,
    DateTimeOffset? DeliveredAt = null,
    DateTimeOffset? InspectionEndsAt = null,
    DateTimeOffset? CompletedAt = null,
    DateTimeOffset? WarrantyEndsAt = null,
    DateTimeOffset? ClosedAt = null,
    DealStatus? DisputedFrom = null)
{
    public DealRole RoleOf(Actor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return actor.Kind switch
        {
            ActorKind.System => DealRole.System,
            ActorKind.Admin => DealRole.Admin,
            _ when actor.UserId == BuyerId => DealRole.Buyer,
            _ when actor.UserId == SellerId => DealRole.Seller,
            _ => DealRole.Stranger,
        };
    }
}
