using System.Collections.Frozen;
using TrustyTrade.Core.Telemetry;

namespace TrustyTrade.Infrastructure.Telemetry;

/// <summary>
/// Every family <c>/api/metrics</c> serves, in the order it serves them. The counters and the histogram come from the
/// instruments of <see cref="BusinessMetrics"/> (summed over instances in Redis); the gauges from an
/// <see cref="OperationsSnapshot"/> taken at the scrape. <c>infra/prometheus/metrics.txt</c> lists the same names.
/// </summary>
public static class PrometheusFamilies
{
    public static readonly PrometheusFamily Deals = new("trustytrade_deals", PrometheusType.Gauge, "Deals per state.");
    public static readonly PrometheusFamily EscrowHeld = new("trustytrade_escrow_held", PrometheusType.Gauge, "Money held in escrow and warranty holds, in currency units.");
    public static readonly PrometheusFamily PastDeadline = new("trustytrade_deals_past_deadline", PrometheusType.Gauge, "Deals still waiting on a deadline that passed more than the grace period ago.");
    public static readonly PrometheusFamily DisputesOpen = new("trustytrade_disputes_open", PrometheusType.Gauge, "Disputes waiting for an admin.");
    public static readonly PrometheusFamily OldestDispute = new("trustytrade_disputes_oldest_open_age_seconds", PrometheusType.Gauge, "Age of the oldest open dispute.");
    public static readonly PrometheusFamily QueueMessages = new("trustytrade_queue_messages", PrometheusType.Gauge, "Messages waiting per queue (approximate), poison queues included.");
    public static readonly PrometheusFamily OutboxPending = new("trustytrade_outbox_pending", PrometheusType.Gauge, "Integration events not yet published.");
    public static readonly PrometheusFamily OldestOutbox = new("trustytrade_outbox_oldest_pending_age_seconds", PrometheusType.Gauge, "Age of the oldest unpublished integration event.");

    private static readonly FrozenDictionary<string, PrometheusFamily> Mirrored = new Dictionary<string, PrometheusFamily>(StringComparer.Ordinal)
    {
        [MetricNames.PaymentConfirmation] = new("trustytrade_payment_confirmation_seconds", PrometheusType.Histogram, "From a deal's creation to its payment's confirmation."),
        [MetricNames.PaymentsFailed] = new("trustytrade_payments_failed_total", PrometheusType.Counter, "Payments that could not pay a deal, by method and reason."),
        [MetricNames.NotificationsSent] = new("trustytrade_notifications_sent_total", PrometheusType.Counter, "Notifications Telegram accepted, by kind."),
        [MetricNames.NotificationsFailed] = new("trustytrade_notifications_failed_total", PrometheusType.Counter, "Notifications not delivered, by kind and reason."),
        [MetricNames.HttpResponses] = new("trustytrade_http_responses_total", PrometheusType.Counter, "HTTP responses by status class."),
    }.ToFrozenDictionary(StringComparer.Ordinal);

    public static IEnumerable<PrometheusFamily> Snapshot => [Deals, EscrowHeld, PastDeadline, DisputesOpen, OldestDispute, QueueMessages, OutboxPending, OldestOutbox];

    public static IEnumerable<PrometheusFamily> Totals => Mirrored.Values.OrderBy(f => f.Name, StringComparer.Ordinal);

    public static IEnumerable<PrometheusFamily> All => Snapshot.Concat(Totals);

    public static bool IsMirrored(string instrumentName) => Mirrored.ContainsKey(instrumentName);

    public static PrometheusFamily Of(string instrumentName) => Mirrored[instrumentName];
}
