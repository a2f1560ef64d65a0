using System.ComponentModel.DataAnnotations;

namespace TrustyTrade.Core.Deals.Workflow;

/// <summary>How deal workflows remind the parties of a deadline, and how reconciliation judges them.</summary>
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

    // Reminder lead times are fractional, in the units of their windows in EscrowOptions, so tests and staging can
    // run them in seconds. 0 sends no reminder of that deadline. The bounds are doubles: with int bounds the attribute
    // converts the value to int first, and -0.4 would pass as 0.

    /// <summary>How long before the payment window closes the buyer is reminded to pay (a Stars window is 30 minutes).</summary>
    [Range(0d, 24 * 60d)]
    public double PaymentReminderMinutes { get; set; } = 10;

    /// <summary>How long before the delivery window closes the seller is reminded to deliver (the window is 48 hours).</summary>
    [Range(0d, 14 * 24d)]
    public double DeliveryReminderHours { get; set; } = 6;

    /// <summary>How long before the inspection window closes the buyer is reminded to confirm or dispute (the window is 72 hours).</summary>
    [Range(0d, 14 * 24d)]
    public double InspectionReminderHours { get; set; } = 24;

    public TimeSpan StuckAfter => TimeSpan.FromMinutes(StuckAfterMinutes);

    public TimeSpan ClosedLookback => TimeSpan.FromHours(ClosedLookbackHours);

    /// <summary>How long before <paramref name="deadline"/> its reminder goes out; zero for none (the warranty never has one).</summary>
    public TimeSpan ReminderLead(DealDeadlineKind deadline) => deadline switch
    {
        DealDeadlineKind.Payment => TimeSpan.FromMinutes(PaymentReminderMinutes),
        DealDeadlineKind.Delivery => TimeSpan.FromHours(DeliveryReminderHours),
        DealDeadlineKind.Inspection => TimeSpan.FromHours(InspectionReminderHours),
        _ => TimeSpan.Zero,
    };
}
