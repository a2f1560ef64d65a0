using TrustyTrade.Core.Deals;

namespace TrustyTrade.Core.DealRecords;

/// <summary>Who is in a deal and where it stands: what deciding about its chat, ratings and evidence needs.</summary>
public sealed record DealParties(long DealId, long BuyerId, long SellerId, DealStatus Status, bool HasOpenDispute)
{
    public bool IsParty(long userId) => userId == BuyerId || userId == SellerId;

    public long OtherParty(long userId) => userId == BuyerId ? SellerId : BuyerId;
}
