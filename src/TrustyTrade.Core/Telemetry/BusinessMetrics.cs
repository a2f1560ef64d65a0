using System.Diagnostics.Metrics;
using TrustyTrade.Core.Deals;
using TrustyTrade.Core.Notifications;

namespace TrustyTrade.Core.Telemetry;

/// <summary>
/// The business's own counters and histograms on one <see cref="Meter"/> ("TrustyTrade"): the OpenTelemetry exporters
/// send them on (Azure Monitor, OTLP), and the Redis mirror adds them up across instances for <c>/api/metrics</c>.
/// Each container has its own meter, so a listener can tell its app's measurements from another's in one process.
/// </summary>
public sealed class BusinessMetrics : IDisposable
{
    public const string MeterName = "TrustyTrade";

    /// <summary>Upper bounds (seconds) of the payment confirmation histogram's buckets: Stars in seconds, crypto in minutes.</summary>
    public static readonly IReadOnlyList<double> ConfirmationBuckets = [5, 15, 30, 60, 120, 300, 600, 1800, 3600, 7200];

    private readonly Counter<long> _notificationsSent;
    private readonly Counter<long> _notificationsFailed;
    private readonly Counter<long> _paymentsFailed;
    private readonly Histogram<double> _paymentConfirmation;
    private readonly Counter<long> _httpResponses;
    private readonly Gauge<long> _dealsPastDeadline;
    private readonly Gauge<long> _disputesOpen;
    private readonly Gauge<double> _oldestDisputeAge;
    private readonly Gauge<long> _queueMessages;
    private readonly Gauge<long> _outboxPending;

    public BusinessMetrics()
    {
        Meter = new Meter(MeterName);
        _notificationsSent = Meter.CreateCounter<long>(MetricNames.NotificationsSent, description: "Notifications Telegram accepted");
        _notificationsFailed = Meter.CreateCounter<long>(
            MetricNames.NotificationsFailed, description: "Notifications that were not delivered: refused by Telegram or parked in the poison queue");
        _paymentsFailed = Meter.CreateCounter<long>(
            MetricNames.PaymentsFailed, description: "Payments that could not pay a deal: refused at checkout, arrived late, returned");
        _paymentConfirmation = Meter.CreateHistogram(
            MetricNames.PaymentConfirmation, unit: "s", description: "From the deal's creation to its payment's confirmation",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = ConfirmationBuckets });
        _httpResponses = Meter.CreateCounter<long>(MetricNames.HttpResponses, description: "HTTP responses by status class");
        _dealsPastDeadline = Meter.CreateGauge<long>(MetricNames.DealsPastDeadline, description: "Deals still waiting on a deadline that passed");
        _disputesOpen = Meter.CreateGauge<long>(MetricNames.DisputesOpen, description: "Disputes waiting for an admin");
        _oldestDisputeAge = Meter.CreateGauge<double>(MetricNames.OldestDisputeAge, unit: "s", description: "Age of the oldest open dispute");
        _queueMessages = Meter.CreateGauge<long>(MetricNames.QueueMessages, description: "Messages waiting in a queue (approximate)");
        _outboxPending = Meter.CreateGauge<long>(MetricNames.OutboxPending, description: "Integration events not yet published");
    }

    public Meter Meter { get; }

    public void NotificationSent(NotificationKind kind) => _notificationsSent.Add(1, new KeyValuePair<string, object?>("kind", KindTag(kind)));

    /// <param name="kind">Null when the message was unreadable.</param>
    /// <param name="reason"><c>rejected</c> (Telegram refused it for good) or <c>poison</c>.</param>
    public void NotificationFailed(NotificationKind? kind, string reason) =>
        _notificationsFailed.Add(1, new("kind", kind is { } k ? KindTag(k) : "unknown"), new("reason", reason));

    public void PaymentFailed(PaymentMethod method, string reason) =>
        _paymentsFailed.Add(1, new("method", method.ToName()), new("reason", reason));

    public void PaymentConfirmed(PaymentMethod method, TimeSpan sinceDealCreated) =>
        _paymentConfirmation.Record(Math.Max(0, sinceDealCreated.TotalSeconds), new KeyValuePair<string, object?>("method", method.ToName()));

    public void HttpResponse(int statusCode) =>
        _httpResponses.Add(1, new KeyValuePair<string, object?>("status_class", StatusClass(statusCode)));

    /// <summary>Records an operations snapshot as gauges, for the exporters' alert rules (a timer takes one a minute).</summary>
    public void Observe(OperationsSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        foreach (var (deadline, count) in snapshot.PastDeadline)
        {
            _dealsPastDeadline.Record(count, new KeyValuePair<string, object?>("deadline", deadline));
        }

        _disputesOpen.Record(snapshot.OpenDisputes);
        _oldestDisputeAge.Record(snapshot.OldestOpenDisputeAge.TotalSeconds);
        foreach (var (queue, count) in snapshot.QueueMessages)
        {
            _queueMessages.Record(count, new KeyValuePair<string, object?>("queue", queue));
        }

        _outboxPending.Record(snapshot.OutboxPending);
    }

    public void Dispose() => Meter.Dispose();

    internal static string StatusClass(int statusCode) => statusCode switch
    {
        >= 500 => "5xx",
        >= 400 => "4xx",
        >= 300 => "3xx",
        _ => "2xx",
    };

    /// <summary>The kind in snake case, as the other tags are (<c>DealPaid</c> → <c>deal_paid</c>).</summary>
    internal static string KindTag(NotificationKind kind)
    {
        var name = kind.ToString();
        var tag = new System.Text.StringBuilder(name.Length + 4);
        foreach (var c in name)
        {
            if (char.IsUpper(c) && tag.Length > 0)
            {
                tag.Append('_');
            }

            tag.Append(char.ToLowerInvariant(c));
        }

        return tag.ToString();
    }
}
