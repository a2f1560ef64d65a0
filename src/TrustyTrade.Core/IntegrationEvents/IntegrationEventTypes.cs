namespace TrustyTrade.Core.IntegrationEvents;

/// <summary>The integration events' types, as subscribers filter on them (the message's Subject).</summary>
public static class IntegrationEventTypes
{
    public const string DealCreated = "deal.created";
    public const string DealPaid = "deal.paid";
    public const string DealCompleted = "deal.completed";
    public const string DealReleased = "deal.released";
    public const string DealRefunded = "deal.refunded";
    public const string DealCancelled = "deal.cancelled";
    public const string DisputeOpened = "dispute.opened";
    public const string DisputeResolved = "dispute.resolved";
}
