using TrustyTrade.Core.Deals.Workflow;

namespace TrustyTrade.Functions.Deals;

/// <summary>The input of the deadline activity: the deadline whose timer fired, as the orchestration saw the deal.</summary>
public sealed record DeadlinePassed(long DealId, DealDeadlineKind Deadline, int Version);
