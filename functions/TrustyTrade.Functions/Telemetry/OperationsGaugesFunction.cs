using Microsoft.Azure.Functions.Worker;
using TrustyTrade.Core.Telemetry;

namespace TrustyTrade.Functions.Telemetry;

/// <summary>
/// Every minute, on one instance (a timer is a singleton): records the operations snapshot as gauges, which the
/// OpenTelemetry exporters carry to Azure Monitor, where the alert rules (stuck deals, dispute backlog, poison
/// queues) read them.
/// </summary>
public sealed class OperationsGaugesFunction(OperationsSnapshotService snapshots, BusinessMetrics metrics)
{
    public const string Schedule = "0 * * * * *";

    [Function(nameof(RecordOperationsGauges))]
    public async Task<OperationsSnapshot> RecordOperationsGauges(
        [TimerTrigger(Schedule)] TimerInfo timer,
        CancellationToken cancellationToken)
    {
        var snapshot = await snapshots.TakeAsync(cancellationToken).ConfigureAwait(false);
        metrics.Observe(snapshot);
        return snapshot;
    }
}
