using TrustyTrade.Core.Deals;
using TrustyTrade.Core.Monetary;

namespace TrustyTrade.IntegrationTests.Reliability;

/// <summary>One request a history sends under its idempotency key: a buy, a command on a deal, or a payout request.</summary>
internal abstract record HistoryRequest(string Key);

internal sealed record BuyRequest(string Key, BuyListing Buy) : HistoryRequest(Key)
{
    public override string ToString() => $"{Key}: buy listing {Buy.ListingId} by user {Buy.BuyerId}";
}

internal sealed record DealRequest(string Key, ActOnDeal Act) : HistoryRequest(Key)
{
    public override string ToString() => $"{Key}: deal {Act.DealId} {Act.Actor.Kind}#{Act.Actor.UserId} {Act.Command}";
}

internal sealed record PayoutAsk(string Key, long UserId, Money Amount) : HistoryRequest(Key)
{
    public override string ToString() => $"{Key}: payout of {Amount} to user {UserId}";
}
