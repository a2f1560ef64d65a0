using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using TrustyTrade.Core.Deals.Workflow;

namespace TrustyTrade.Functions.Deals;

/// <summary>Every five minutes: finds deals whose workflow is missing, ended early, failed or stuck, and repairs or flags them.</summary>
public sealed class DealReconciliationFunction(DealReconciliationService reconciliation)
{
    public const string Schedule = "0 */5 * * * *";

    [Function(nameof(ReconcileDealWorkflows))]
    public Task<DealReconciliationReport> ReconcileDealWorkflows(
        [TimerTrigger(Schedule)] TimerInfo timer,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken) =>
        reconciliation.ReconcileAsync(new DurableDealWorkflow(client), cancellationToken);
}
