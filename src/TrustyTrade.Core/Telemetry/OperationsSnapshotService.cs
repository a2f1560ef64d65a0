using Microsoft.Extensions.Options;
using TrustyTrade.Core.Deals.Stats;
using TrustyTrade.Core.Deals.Workflow;

namespace TrustyTrade.Core.Telemetry;

/// <summary>Takes an <see cref="OperationsSnapshot"/>: what <c>/api/metrics</c> serves and the alert gauges record.</summary>
public sealed class OperationsSnapshotService(
    IDealStatsReader stats,
    IQueueDepths queues,
    IOptions<DealWorkflowOptions> workflowOptions,
    TimeProvider timeProvider,
    IOutboxBacklog? outbox = null)
{
    public async Task<OperationsSnapshot> TakeAsync(CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        // A deadline's timer fires on time; a deal still in its state after the grace reconciliation allows is stuck.
        var grace = TimeSpan.FromMinutes(workflowOptions.Value.StuckAfterMinutes);
        var byStatus = stats.CountByStatusAsync(cancellationToken);
        var held = stats.SumHeldAsync(cancellationToken);
        var pastDeadline = stats.CountPastDeadlineAsync(now - grace, cancellationToken);
        var disputes = stats.GetDisputeBacklogAsync(now, cancellationToken);
        var queued = queues.CountAsync(cancellationToken);
        var unpublished = outbox is null ? Task.FromResult((0L, TimeSpan.Zero)) : outbox.MeasureAsync(now, cancellationToken);
        await Task.WhenAll(byStatus, held, pastDeadline, disputes, queued, unpublished).ConfigureAwait(false);

        var backlog = await disputes.ConfigureAwait(false);
        var (pending, oldestPending) = await unpublished.ConfigureAwait(false);
        return new OperationsSnapshot(
            now,
            await byStatus.ConfigureAwait(false),
            await held.ConfigureAwait(false),
            await pastDeadline.ConfigureAwait(false),
            backlog.Open,
            TimeSpan.FromHours(backlog.OldestHours ?? 0),
            await queued.ConfigureAwait(false),
            pending,
            oldestPending);
    }
}
