using TrustyTrade.Core.Deals;
using TrustyTrade.Core.Notifications;
using TrustyTrade.Core.Telemetry;

namespace TrustyTrade.Core.Tests.Telemetry;

public sealed class BusinessMetricsTests : IDisposable
{
    private readonly BusinessMetrics _metrics = new();
    private readonly RecordedMeasurements _recorded;

    public BusinessMetricsTests() => _recorded = new RecordedMeasurements(_metrics);

    public void Dispose()
    {
        _recorded.Dispose();
        _metrics.Dispose();
    }

    [Theory]
    [InlineData(NotificationKind.DealPaid, "deal_paid")]
    [InlineData(NotificationKind.AdminBroadcast, "admin_broadcast")]
    [InlineData(NotificationKind.DeadlineApproaching, "deadline_approaching")]
    public void NotificationSent_TagsTheKindInSnakeCase(NotificationKind kind, string tag)
    {
        _metrics.NotificationSent(kind);

        Assert.Equal(tag, Assert.Single(_recorded.Of(MetricNames.NotificationsSent)).Tags["kind"]);
    }

    [Fact]
    public void NotificationFailed_OfAnUnreadableMessage_IsOfKindUnknown()
    {
        _metrics.NotificationFailed(null, "poison");

        var failed = Assert.Single(_recorded.Of(MetricNames.NotificationsFailed));
        Assert.Equal(("unknown", "poison"), (failed.Tags["kind"], failed.Tags["reason"]));
    }

    [Theory]
    [InlineData(200, "2xx")]
    [InlineData(302, "3xx")]
    [InlineData(429, "4xx")]
    [InlineData(500, "5xx")]
    [InlineData(503, "5xx")]
    public void HttpResponse_CountsByStatusClass(int status, string statusClass)
    {
        _metrics.HttpResponse(status);

        Assert.Equal(statusClass, Assert.Single(_recorded.Of(MetricNames.HttpResponses)).Tags["status_class"]);
    }

    [Fact]
    public void PaymentConfirmed_RecordsSecondsByMethod()
    {
        _metrics.PaymentConfirmed(PaymentMethod.Crypto, TimeSpan.FromMinutes(3));

        var recorded = Assert.Single(_recorded.Of(MetricNames.PaymentConfirmation));
        Assert.Equal((180d, "crypto"), (recorded.Value, recorded.Tags["method"]));
    }

    [Fact]
    public void Observe_RecordsEveryGaugeOfTheSnapshot()
    {
        _metrics.Observe(new OperationsSnapshot(
            DateTimeOffset.UnixEpoch, [], [],
            new Dictionary<string, long> { ["payment"] = 2, ["delivery"] = 0 },
            3, TimeSpan.FromHours(2),
            new Dictionary<string, long> { ["notifications-poison"] = 4 },
            5, TimeSpan.FromSeconds(30)));

        Assert.Equal(
            (2, 3d, 7200d, 4d, 5d),
            (_recorded.Of(MetricNames.DealsPastDeadline).Count,
             Assert.Single(_recorded.Of(MetricNames.DisputesOpen)).Value,
             Assert.Single(_recorded.Of(MetricNames.OldestDisputeAge)).Value,
             Assert.Single(_recorded.Of(MetricNames.QueueMessages)).Value,
             Assert.Single(_recorded.Of(MetricNames.OutboxPending)).Value));
    }

    [Fact]
    public void TwoInstances_DoNotSeeEachOthersMeasurements()
    {
        using var other = new BusinessMetrics();

        other.HttpResponse(500);

        Assert.Empty(_recorded.Of(MetricNames.HttpResponses));
    }
}
