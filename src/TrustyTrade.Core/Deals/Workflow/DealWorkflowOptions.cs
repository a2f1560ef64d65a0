using System.ComponentModel.DataAnnotations;

namespace TrustyTrade.Core.Deals.Workflow;

/// <summary>How reconciliation judges deal workflows.</summary>
public sealed class DealWorkflowOptions
{
    public const string SectionName = "DealWorkflow";

    /// <summary>How long past its deadline a running workflow's deal may sit before it counts as stuck.</summary>
    [Range(0.01, 24 * 60)]
    public double StuckAfterMinutes { get; set; } = 15;

    /// <summary>How far back closed deals are checked for a workflow that missed the close.</summary>
    [Range(1, 24 * 30)]
    public int ClosedLookbackHours { get; set; } = 24;

    /// <summary>How many deals reconciliation reads at a time; a run pages through all of them.</summary>
    [Range(1, 100_000)]
    public int BatchSize { get; set; } = 1000;

    public TimeSpan StuckAfter => TimeSpan.FromMinutes(StuckAfterMinutes);

    public TimeSpan ClosedLookback => TimeSpan.FromHours(ClosedLookbackHours);
}
