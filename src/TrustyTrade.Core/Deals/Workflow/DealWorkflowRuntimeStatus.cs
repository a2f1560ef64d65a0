namespace TrustyTrade.Core.Deals.Workflow;

/// <summary>Where a deal's workflow is, as its host reports it.</summary>
public enum DealWorkflowRuntimeStatus
{
    Pending,
    Running,
    Completed,
    Failed,
    Terminated,
    Suspended,
}
