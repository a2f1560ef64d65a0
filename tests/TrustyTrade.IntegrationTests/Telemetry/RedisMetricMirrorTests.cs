using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using TrustyTrade.Core.Deals;
using TrustyTrade.Core.Notifications;
using TrustyTrade.Core.Telemetry;
using TrustyTrade.Infrastructure.Caching;
using TrustyTrade.Infrastructure.Telemetry;
using TrustyTrade.IntegrationTests.Infrastructure;

namespace TrustyTrade.IntegrationTests.Telemetry;

/// <summary>Instances add their counts up in one Redis hash, over the real Redis.</summary>
public sealed class RedisMetricMirrorTests : IAsyncDisposable
{
    private readonly string _prefix = $"tt:metrics-test:{Guid.NewGuid():N}:";
    private readonly RedisConnection _redis = new(Options.Create(new RedisOptions
    {
        Configuration = TestConfiguration.Build()["Redis:Configuration"]!,
    }));

    public async ValueTask DisposeAsync()
    {
        await (await _redis.GetDatabaseAsync()).KeyDeleteAsync(_prefix + "totals");
        await _redis.DisposeAsync();
    }

    [Fact]
    public async Task TwoInstances_AddUpTheirCounts()
    {
        using var first = Instance();
        using var second = Instance();
        first.Metrics.NotificationSent(NotificationKind.DealPaid);
        second.Metrics.NotificationSent(NotificationKind.DealPaid);
        second.Metrics.NotificationSent(NotificationKind.DealPaid);

        await first.Mirror.FlushAsync(CancellationToken.None);
        await second.Mirror.FlushAsync(CancellationToken.None);

        Assert.Equal(3d, (await first.Mirror.ReadTotalsAsync())["trustytrade_notifications_sent_total{kind=\"deal_paid\"}"]);
    }

    [Fact]
    public async Task FlushingTwice_SendsOnlyWhatGrew()
    {
        using var instance = Instance();
        var (metrics, mirror) = instance;
        metrics.PaymentFailed(PaymentMethod.Crypto, "late");
        await mirror.FlushAsync(CancellationToken.None);
        metrics.PaymentFailed(PaymentMethod.Crypto, "late");

        await mirror.FlushAsync(CancellationToken.None);
        await mirror.FlushAsync(CancellationToken.None);

        Assert.Equal(2d, (await mirror.ReadTotalsAsync())["trustytrade_payments_failed_total{method=\"crypto\",reason=\"late\"}"]);
    }

    [Fact]
    public async Task Histogram_FillsEveryBucketAtOrAboveTheValue()
    {
        using var instance = Instance();
        var (metrics, mirror) = instance;
        metrics.PaymentConfirmed(PaymentMethod.Crypto, TimeSpan.FromSeconds(100));

        await mirror.FlushAsync(CancellationToken.None);

        var totals = await mirror.ReadTotalsAsync();
        Assert.Equal(
            (0d, 1d, 1d, 1d, 100d),
            (totals.GetValueOrDefault("trustytrade_payment_confirmation_seconds_bucket{method=\"crypto\",le=\"60\"}"),
             totals["trustytrade_payment_confirmation_seconds_bucket{method=\"crypto\",le=\"120\"}"],
             totals["trustytrade_payment_confirmation_seconds_bucket{method=\"crypto\",le=\"+Inf\"}"],
             totals["trustytrade_payment_confirmation_seconds_count{method=\"crypto\"}"],
             totals["trustytrade_payment_confirmation_seconds_sum{method=\"crypto\"}"]));
    }

    [Fact]
    public async Task GaugesAreNotMirrored_TheyAreReadAtTheScrape()
    {
        using var instance = Instance();
        var (metrics, mirror) = instance;
        metrics.Observe(new OperationsSnapshot(DateTimeOffset.UnixEpoch, [], [], new Dictionary<string, long>(), 4, TimeSpan.Zero, new Dictionary<string, long>(), 0, TimeSpan.Zero));

        await mirror.FlushAsync(CancellationToken.None);

        Assert.Empty(await mirror.ReadTotalsAsync());
    }

    private Pair Instance()
    {
        var metrics = new BusinessMetrics();
        var options = Options.Create(new MetricsOptions { RedisKeyPrefix = _prefix });
        return new Pair(metrics, new RedisMetricMirror(metrics, _redis, options, NullLogger<RedisMetricMirror>.Instance));
    }

    private sealed record Pair(BusinessMetrics Metrics, RedisMetricMirror Mirror) : IDisposable
    {
        public void Dispose()
        {
            Mirror.Dispose();
            Metrics.Dispose();
        }
    }
}
