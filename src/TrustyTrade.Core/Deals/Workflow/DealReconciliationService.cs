using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace TrustyTrade.Core.Deals.Workflow;

/// <summary>
/// Repairs what a lost signal or a crash between the database commit and the workflow call leaves behind: starts the
/// workflow of an open deal that has none (or whose workflow ended early), tells a running workflow of a deal that
/// closed without it, wakes one whose deal sits past its deadline, and flags failed or stopped ones for admins.
/// Every repair is logged, counted (meter <see cref="MeterName"/>) and, where a person must look, kept as a flag.
/// </summary>
public sealed partial class DealReconciliationService(
    IDealWorkflowStore store,
    IOptions<DealWorkflowOptions> options,
    TimeProvider timeProvider,
    ILogger<DealReconciliationService> logger)
{
    public const string MeterName = "TrustyTrade.Deals";

    private const string ReconciledCommand = "reconcile";

    private static readonly Meter Meter = new(MeterName);

    private static readonly Counter<long> Repairs = Meter.CreateCounter<long>(
        "trustytrade.deal_workflow.repairs", description: "Deal workflows started, signalled or flagged by reconciliation");

    private readonly DealWorkflowOptions _options = options.Value;

    public async Task<DealReconciliationReport> ReconcileAsync(IDealWorkflow workflow, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(workflow);
        var now = timeProvider.GetUtcNow();
        int seen = 0, started = 0, signalled = 0, flagged = 0, errors = 0;
        long afterId = 0;
        IReadOnlyList<Deal> page;
        do
        {
            page = await store.ListDealsToReconcileAsync(afterId, now - _options.ClosedLookback, _options.BatchSize, cancellationToken)
                .ConfigureAwait(false);
            seen += page.Count;
            afterId = page.Count > 0 ? page[^1].Id : afterId;
            foreach (var deal in page)
            {
                try
                {
                    switch (await RepairAsync(workflow, deal, now, cancellationToken).ConfigureAwait(false))
                    {
                        case Repair.Started:
                            started++;
                            break;
                        case Repair.Signalled:
                            signalled++;
                            break;
                        case Repair.Flagged:
                            flagged++;
                            break;
                        case Repair.WokenAndFlagged:
                            signalled++;
                            flagged++;
                            break;
                    }
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    errors++;
                    LogRepairFailed(e, deal.Id);
                }
            }
        }
        while (page.Count == _options.BatchSize);

        var report = new DealReconciliationReport(seen, started, signalled, flagged, errors);
        LogReport(report.Checked, report.Started, report.Signalled, report.Flagged, report.Errors);
        return report;
    }

    private async Task<Repair> RepairAsync(IDealWorkflow workflow, Deal deal, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var state = await workflow.GetStateAsync(deal.Id, cancellationToken).ConfigureAwait(false);
        var alive = state is { Status: DealWorkflowRuntimeStatus.Running or DealWorkflowRuntimeStatus.Pending };

        if (deal.Status.IsFinal())
        {
            if (!alive)
            {
                return Repair.None;
            }

            await workflow.DealMovedAsync(deal.Id, ReconciledCommand, deal.Status, deal.Version, cancellationToken).ConfigureAwait(false);
            Count("signalled", deal, "closed deal, workflow still waiting");
            return Repair.Signalled;
        }

        switch (state?.Status)
        {
            case null or DealWorkflowRuntimeStatus.Completed:
                await workflow.StartAsync(deal.Id, cancellationToken).ConfigureAwait(false);
                Count("started", deal, state is null ? "no workflow" : "workflow completed before the deal closed");
                return Repair.Started;
            case DealWorkflowRuntimeStatus.Failed:
                await FlagAsync(deal, DealWorkflowFlagReason.Failed, state.Failure, now, cancellationToken).ConfigureAwait(false);
                return Repair.Flagged;
            case DealWorkflowRuntimeStatus.Terminated:
                await FlagAsync(deal, DealWorkflowFlagReason.Terminated, null, now, cancellationToken).ConfigureAwait(false);
                return Repair.Flagged;
            case DealWorkflowRuntimeStatus.Suspended:
                await FlagAsync(deal, DealWorkflowFlagReason.Suspended, null, now, cancellationToken).ConfigureAwait(false);
                return Repair.Flagged;
        }

        if (DealDeadline.Of(deal) is { } deadline && now > deadline.DueAt + _options.StuckAfter)
        {
            // A signal with the version the workflow knows makes it arm its timer again, and a past deadline fires at once.
            await workflow.DealMovedAsync(deal.Id, ReconciledCommand, deal.Status, deal.Version, cancellationToken).ConfigureAwait(false);
            await FlagAsync(deal, DealWorkflowFlagReason.Stuck, $"{deadline.Kind} deadline {deadline.DueAt:u} passed", now, cancellationToken)
                .ConfigureAwait(false);
            return Repair.WokenAndFlagged;
        }

        return Repair.None;
    }

    private async Task FlagAsync(Deal deal, DealWorkflowFlagReason reason, string? detail, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await store.FlagAsync(deal.Id, reason, detail, now, cancellationToken).ConfigureAwait(false);
        Count("flagged", deal, reason.ToString());
    }

    private void Count(string action, Deal deal, string why)
    {
        Repairs.Add(1, new KeyValuePair<string, object?>("action", action));
        LogRepair(deal.Id, action, deal.Status, why);
    }

    private enum Repair
    {
        None,
        Started,
        Signalled,
        Flagged,
        WokenAndFlagged,
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Deal {DealId} workflow {Action} by reconciliation (deal {Status}): {Why}")]
    private partial void LogRepair(long dealId, string action, DealStatus status, string why);

    [LoggerMessage(Level = LogLevel.Error, Message = "Deal {DealId}: reconciling its workflow failed")]
    private partial void LogRepairFailed(Exception exception, long dealId);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Deal workflow reconciliation: {Checked} checked, {Started} started, {Signalled} signalled, {Flagged} flagged, {Errors} errors")]
    private partial void LogReport(int @checked, int started, int signalled, int flagged, int errors);
}
