namespace TrustyTrade.Core.Deals.Stats;

public sealed record StatusCount(DealStatus Status, int Count);
