using TrustyTrade.Core.Deals;
using TrustyTrade.Core.Deals.Workflow;

namespace TrustyTrade.Core.Tests.Deals.Workflow;

/// <summary>A fake of Core's own <see cref="IDealWorkflowStore"/> over a list of deals; it records the flags raised.</summary>
internal sealed class FakeDealWorkflowStore : IDealWorkflowStore
{
    public Task<DisputeOutcome?> FindDisputeOutcomeAsync(long dealId, CancellationToken cancellationToken) =>
        Task.FromResult<DisputeOutcome?>(null);

    public List<Deal> Deals { get; } = [];

    /// <summary>Each deal's event history as (version, status); a deal without an entry has none with versions.</summary>
    public Dictionary<long, List<DealVersionStatus>> Statuses { get; } = [];

    public Task<IReadOnlyList<DealVersionStatus>> ListStatusesAfterAsync(long dealId, int afterVersion, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<DealVersionStatus>>(
            Statuses.TryGetValue(dealId, out var statuses) ? [.. statuses.Where(s => s.Version > afterVersion).OrderBy(s => s.Version)] : []);

    public List<(long DealId, DealWorkflowFlagReason Reason, string? Detail)> Flags { get; } = [];

    public Task<Deal?> FindDealAsync(long dealId, CancellationToken cancellationToken) =>
        Task.FromResult(Deals.SingleOrDefault(d => d.Id == dealId));

    public Task<IReadOnlyList<Deal>> ListDealsToReconcileAsync(long afterId, DateTimeOffset closedSince, int limit, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<Deal>>([.. Deals.Where(d => d.Id > afterId).OrderBy(d => d.Id).Take(limit)]);

    public Task FlagAsync(long dealId, DealWorkflowFlagReason reason, string? detail, DateTimeOffset at, CancellationToken cancellationToken)
    {
        Flags.Add((dealId, reason, detail));
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<DealWorkflowFlag>> ListOpenFlagsAsync(CancellationToken cancellationToken) =>
        throw new NotSupportedException();
}
