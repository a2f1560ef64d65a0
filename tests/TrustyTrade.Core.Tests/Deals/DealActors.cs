using TrustyTrade.Core.Deals;

namespace TrustyTrade.Core.Tests.Deals;

/// <summary>The actor that plays a role in a deal built by <see cref="DealBuilder"/>.</summary>
internal static class DealActors
{
    public const long AdminId = 900;
    public const long StrangerId = 901;

    public static Actor For(DealRole role, Deal deal)
    {
        ArgumentNullException.ThrowIfNull(deal);
        return role switch
        {
            DealRole.Buyer => Actor.User(deal.BuyerId),
            DealRole.Seller => Actor.User(deal.SellerId),
            DealRole.Admin => Actor.Admin(AdminId),
            DealRole.System => Actor.System,
            DealRole.Stranger => Actor.User(StrangerId),
            _ => throw new ArgumentOutOfRangeException(nameof(role), role, "unknown role"),
        };
    }
}
