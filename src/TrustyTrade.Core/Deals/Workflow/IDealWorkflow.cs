namespace TrustyTrade.Core.Deals.Workflow;

/// <summary>
/// The durable workflow that drives each deal's deadlines. Core starts it when a deal opens and tells it when a
/// command moved the deal; the workflow reads the deal back from the database, which stays the only truth.
/// </summary>
public interface IDealWorkflow
{
    /// <summary>Starts the deal's workflow; does nothing when it already runs.</summary>
    Task StartAsync(long dealId, CancellationToken cancellationToken);

    /// <summary>Tells the deal's workflow that a command moved the deal to <paramref name="version"/>.</summary>
    Task DealMovedAsync(long dealId, string command, DealStatus status, int version, CancellationToken cancellationToken);

    /// <summary>The workflow's runtime state, or null when it was never started.</summary>
    Task<DealWorkflowState?> GetStateAsync(long dealId, CancellationToken cancellationToken);
}
