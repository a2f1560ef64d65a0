using TrustyTrade.Core.Telemetry;

namespace TrustyTrade.Infrastructure.Telemetry;

/// <summary>What <c>/api/metrics</c> answers: this instance's counts flushed, then the snapshot and every instance's totals.</summary>
public sealed class MetricsScrape(OperationsSnapshotService snapshots, RedisMetricMirror mirror)
{
    public async Task<string> RenderAsync(CancellationToken cancellationToken)
    {
        await mirror.FlushAsync(cancellationToken).ConfigureAwait(false);
        var snapshot = snapshots.TakeAsync(cancellationToken);
        var totals = mirror.ReadTotalsAsync();
        return PrometheusText.Render(await snapshot.ConfigureAwait(false), await totals.ConfigureAwait(false));
    }
}
