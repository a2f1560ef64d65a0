using System.Collections.Concurrent;
using TrustyTrade.Core.Deals;
using TrustyTrade.Core.Deals.Workflow;

namespace TrustyTrade.Core.Tests.Deals.Workflow;

/// <summary>A fake of Core's own <see cref="IDealWorkflow"/> that records what Core told it; it can be made to fail.</summary>
internal sealed class RecordingDealWorkflow : IDealWorkflow
{
    public ConcurrentQueue<string> Calls { get; } = new();

    public bool Fail { get; set; }

    /// <summary>What <see cref="GetStateAsync"/> answers.</summary>
    public DealWorkflowState? State { get; set; }

    public Task StartAsync(long dealId, CancellationToken cancellationToken) => Record($"start {dealId}");

    public Task DealMovedAsync(long dealId, string command, DealStatus status, int version, CancellationToken cancellationToken) =>
        Record($"moved {dealId} {command} {status} v{version}");

    public Task<DealWorkflowState?> GetStateAsync(long dealId, CancellationToken cancellationToken) =>
        Task.FromResult(State);

    private Task Record(string call)
    {
        Calls.Enqueue(call);
        return Fail ? Task.FromException(new InvalidOperationException("the workflow host is down")) : Task.CompletedTask;
    }
}
