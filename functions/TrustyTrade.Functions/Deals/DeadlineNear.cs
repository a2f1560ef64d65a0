using TrustyTrade.Core.Deals.Workflow;

namespace TrustyTrade.Functions.Deals;

/// <summary>The input of the reminder activity: the deadline whose reminder timer fired, as the orchestration saw the deal.</summary>
public sealed record DeadlineNear(long DealId, DealDeadlineKind Deadline, int Version);
