namespace TrustyTrade.Core.Telemetry;

/// <summary>
/// The instruments' names as the exporters see them (Azure Monitor's customMetrics, OTLP). The alert rules in
/// <c>infra/</c> query these names; <c>/api/metrics</c> serves them in Prometheus form (<c>trustytrade_…</c>).
/// </summary>
public static class MetricNames
{
    public const string NotificationsSent = "trustytrade.notifications.sent";
    public const string NotificationsFailed = "trustytrade.notifications.failed";
    public const string PaymentsFailed = "trustytrade.payments.failed";
    public const string PaymentConfirmation = "trustytrade.payments.confirmation.duration";
    public const string HttpResponses = "trustytrade.http.responses";
    public const string DealsPastDeadline = "trustytrade.deals.past_deadline";
    public const string DisputesOpen = "trustytrade.disputes.open";
    public const string OldestDisputeAge = "trustytrade.disputes.oldest_open_age";
    public const string QueueMessages = "trustytrade.queue.messages";
    public const string OutboxPending = "trustytrade.outbox.pending";
}
