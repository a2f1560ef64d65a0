namespace TrustyTrade.Core.Deals.Workflow;

/// <summary>What the deal workflow and its reconciliation read and write beside the escrow's commands.</summary>
public interface IDealWorkflowStore
{
    Task<Deal?> FindDealAsync(long dealId, CancellationToken cancellationToken);

    /// <summary>
    /// The statuses the deal's commands left it in at versions after <paramref name="afterVersion"/>, oldest first, from
    /// its event history (events recorded before versions were kept are not listed).
    /// </summary>
    Task<IReadOnlyList<DealVersionStatus>> ListStatusesAfterAsync(long dealId, int afterVersion, CancellationToken cancellationToken);

    /// <summary>How an admin settled the deal's dispute, or null while none is resolved.</summary>
    Task<DisputeOutcome?> FindDisputeOutcomeAsync(long dealId, CancellationToken cancellationToken);

    /// <summary>
    /// One page of the deals still in progress and those closed since <paramref name="closedSince"/>: up to
    /// <paramref name="limit"/> of them with ids above <paramref name="afterId"/>, in id order.
    /// </summary>
    Task<IReadOnlyList<Deal>> ListDealsToReconcileAsync(long afterId, DateTimeOffset closedSince, int limit, CancellationToken cancellationToken);

    /// <summary>Records a problem for admins; an open flag of the same deal and reason is counted again, not duplicated.</summary>
    Task FlagAsync(long dealId, DealWorkflowFlagReason reason, string? detail, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>Flags no admin has resolved yet, newest first: what the admin panel shows.</summary>
    Task<IReadOnlyList<DealWorkflowFlag>> ListOpenFlagsAsync(CancellationToken cancellationToken);
}
