using TrustyTrade.Core.Deals.Stats;
using TrustyTrade.Core.Monetary;

namespace TrustyTrade.Core.Telemetry;

/// <summary>
/// The state of the business at one moment, read from the database and the queues (so the same whichever instance
/// reads it): deals per status, money held, deals stuck past a deadline, the dispute backlog, waiting queue messages
/// and unpublished integration events. <c>PastDeadline</c> counts per deadline (<c>payment</c>, <c>delivery</c>,
/// <c>inspection</c>, <c>warranty</c>) the deals still in its state a grace period after it passed;
/// <c>QueueMessages</c> is approximate, per queue name, the poison queues included.
/// </summary>
public sealed record OperationsSnapshot(
    DateTimeOffset At,
    IReadOnlyList<StatusCount> DealsByStatus,
    IReadOnlyList<Money> EscrowHeld,
    IReadOnlyDictionary<string, long> PastDeadline,
    long OpenDisputes,
    TimeSpan OldestOpenDisputeAge,
    IReadOnlyDictionary<string, long> QueueMessages,
    long OutboxPending,
    TimeSpan OldestOutboxPendingAge);
