using TrustyTrade.Core.Monetary;

namespace TrustyTrade.Core.Deals.Stats;

/// <summary>What the admin dashboard draws: deals per day, deals per status, money held in escrow, the dispute backlog.</summary>
public sealed record DealStats(
    DateTimeOffset At,
    IReadOnlyList<DailyDeals> Daily,
    IReadOnlyList<StatusCount> ByStatus,
    IReadOnlyList<Money> EscrowHeld,
    DisputeBacklog Disputes);
