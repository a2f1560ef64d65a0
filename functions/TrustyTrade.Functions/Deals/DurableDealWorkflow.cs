using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using TrustyTrade.Core.Deals;
using TrustyTrade.Core.Deals.Workflow;

namespace TrustyTrade.Functions.Deals;

/// <summary>
/// Core's <see cref="IDealWorkflow"/> over a <see cref="DurableTaskClient"/>. The isolated worker hands a client only
/// to a function that binds one (<c>[DurableClient]</c>), so each such function wraps its client in this adapter and
/// passes it to Core (<see cref="DealService.WithWorkflow"/>, <see cref="DealReconciliationService"/>).
/// </summary>
public sealed class DurableDealWorkflow(DurableTaskClient client) : IDealWorkflow
{
    public async Task StartAsync(long dealId, CancellationToken cancellationToken)
    {
        var instanceId = DealOrchestrator.InstanceId(dealId);
        var existing = await client.GetInstanceAsync(instanceId, getInputsAndOutputs: false, cancellationToken).ConfigureAwait(false);
        if (existing is { RuntimeStatus: OrchestrationRuntimeStatus.Running or OrchestrationRuntimeStatus.Pending or OrchestrationRuntimeStatus.Suspended })
        {
            return;
        }

        await client.ScheduleNewOrchestrationInstanceAsync(
            DealOrchestrator.Name, new DealWorkflowInput(dealId), new StartOrchestrationOptions(instanceId), cancellationToken).ConfigureAwait(false);
    }

    public Task DealMovedAsync(long dealId, string command, DealStatus status, int version, CancellationToken cancellationToken) =>
        client.RaiseEventAsync(
            DealOrchestrator.InstanceId(dealId), DealOrchestrator.DealMovedEvent, new DealMoved(dealId, command, status, version), cancellationToken);

    public async Task<DealWorkflowState?> GetStateAsync(long dealId, CancellationToken cancellationToken)
    {
        var instance = await client.GetInstanceAsync(DealOrchestrator.InstanceId(dealId), getInputsAndOutputs: false, cancellationToken)
            .ConfigureAwait(false);
        return instance is null
            ? null
            : new DealWorkflowState(Map(instance.RuntimeStatus), instance.LastUpdatedAt, instance.FailureDetails?.ErrorMessage);
    }

    private static DealWorkflowRuntimeStatus Map(OrchestrationRuntimeStatus status) => status switch
    {
        OrchestrationRuntimeStatus.Running => DealWorkflowRuntimeStatus.Running,
        OrchestrationRuntimeStatus.Pending => DealWorkflowRuntimeStatus.Pending,
        OrchestrationRuntimeStatus.Completed => DealWorkflowRuntimeStatus.Completed,
        OrchestrationRuntimeStatus.Suspended => DealWorkflowRuntimeStatus.Suspended,
#pragma warning disable CS0618 // Canceled is obsolete and never reported; it reads as terminated.
        OrchestrationRuntimeStatus.Terminated or OrchestrationRuntimeStatus.Canceled => DealWorkflowRuntimeStatus.Terminated,
#pragma warning restore CS0618
        _ => DealWorkflowRuntimeStatus.Failed,
    };
}
