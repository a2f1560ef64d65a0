namespace TrustyTrade.Core.Deals.Workflow;

/// <summary>An open problem with a deal's workflow, for admins.</summary>
public sealed record DealWorkflowFlag(
    long DealId, DealWorkflowFlagReason Reason, string? Detail, DateTimeOffset FlaggedAt, DateTimeOffset LastSeenAt, int TimesSeen);
