namespace TrustyTrade.Core.Deals.Workflow;

/// <summary>Why reconciliation asks an admin to look at a deal's workflow.</summary>
public enum DealWorkflowFlagReason
{
    /// <summary>The workflow failed (an activity kept failing, or a bug).</summary>
    Failed,

    /// <summary>Someone terminated the workflow while the deal was still open.</summary>
    Terminated,

    /// <summary>The workflow was suspended while the deal was still open.</summary>
    Suspended,

    /// <summary>The workflow runs but the deal sits past its deadline; it was woken up.</summary>
    Stuck,
}
