namespace TrustyTrade.Core.Deals.Workflow;

/// <summary>The next deadline of a deal and the system command that acts when it passes.</summary>
public sealed record DealDeadline(DealDeadlineKind Kind, DateTimeOffset DueAt)
{
    /// <summary>
    /// The deadline that applies to a deal in its current status: none for a dispute (an admin decides, however long
    /// it takes) or a final status.
    /// </summary>
    public static DealDeadline? Of(Deal deal)
    {
        ArgumentNullException.ThrowIfNull(deal);
        return deal.Status switch
        {
            DealStatus.AwaitingPayment => new(DealDeadlineKind.Payment, deal.PaymentDueAt),
            DealStatus.Paid when deal.DeliveryDueAt is { } due => new(DealDeadlineKind.Delivery, due),
            DealStatus.Delivered when deal.InspectionEndsAt is { } due => new(DealDeadlineKind.Inspection, due),
            DealStatus.Completed when deal.WarrantyEndsAt is { } due => new(DealDeadlineKind.Warranty, due),
            _ => null,
        };
    }

    /// <summary>The command the platform issues when this deadline passes.</summary>
    public DealCommand Command => Kind switch
    {
        DealDeadlineKind.Payment => new ExpireDeal(),
        DealDeadlineKind.Delivery => new RefundUndelivered("the delivery deadline passed"),
        DealDeadlineKind.Inspection => new AutoComplete(),
        DealDeadlineKind.Warranty => new ReleaseFunds(),
        _ => throw new InvalidOperationException($"unknown deadline {Kind}"),
    };
}
