using TrustyTrade.Core.Monetary;

namespace TrustyTrade.Core.Deals.Stats;

/// <summary>Deals opened on one UTC day, and what they were worth per currency.</summary>
public sealed record DailyDeals(DateOnly Day, int Count, IReadOnlyList<Money> Volume);
