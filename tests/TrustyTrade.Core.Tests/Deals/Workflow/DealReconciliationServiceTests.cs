using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using TrustyTrade.Core.Deals;
using TrustyTrade.Core.Deals.Workflow;

namespace TrustyTrade.Core.Tests.Deals.Workflow;

/// <summary>
/// Reconciliation's decisions for the workflow states the in-process host can't easily be put in (failed, suspended,
/// completed early, unreachable), over fakes of Core's own interfaces. The integration tests cover the rest for real.
/// </summary>
public sealed class DealReconciliationServiceTests
{
    private readonly FakeTimeProvider _time = new(DealBuilder.Start + TimeSpan.FromMinutes(1));
    private readonly FakeDealWorkflowStore _store = new();
    private readonly FakeWorkflow _workflow = new();

    [Fact]
    public async Task FailedWorkflowOfAnOpenDeal_IsFlaggedWithItsFailure()
    {
        _store.Deals.Add(DealBuilder.InStatus(DealStatus.Paid).WithId(1).Build());
        _workflow.States[1] = new(DealWorkflowRuntimeStatus.Failed, DealBuilder.Start, "PassDeadline failed 6 times");

        var report = await ReconcileAsync();

        Assert.Equal(1, report.Flagged);
        Assert.Equal([(1L, DealWorkflowFlagReason.Failed, "PassDeadline failed 6 times")], _store.Flags);
    }

    [Fact]
    public async Task SuspendedWorkflowOfAnOpenDeal_IsFlagged()
    {
        _store.Deals.Add(DealBuilder.InStatus(DealStatus.Delivered).WithId(1).Build());
        _workflow.States[1] = new(DealWorkflowRuntimeStatus.Suspended, DealBuilder.Start);

        await ReconcileAsync();

        Assert.Equal(DealWorkflowFlagReason.Suspended, Assert.Single(_store.Flags).Reason);
    }

    [Fact]
    public async Task WorkflowCompletedWhileTheDealIsOpen_IsStartedAgain()
    {
        _store.Deals.Add(DealBuilder.InStatus(DealStatus.AwaitingPayment).WithId(1).Build());
        _workflow.States[1] = new(DealWorkflowRuntimeStatus.Completed, DealBuilder.Start);

        var report = await ReconcileAsync();

        Assert.Equal(1, report.Started);
        Assert.Equal(["start 1"], _workflow.Calls);
    }

    [Fact]
    public async Task DisputedDeal_IsNeverStuck()
    {
        _store.Deals.Add(DealBuilder.InStatus(DealStatus.Disputed).WithId(1).Build());
        _workflow.States[1] = new(DealWorkflowRuntimeStatus.Running, DealBuilder.Start);
        _time.Advance(TimeSpan.FromDays(60));

        var report = await ReconcileAsync();

        Assert.Equal(new DealReconciliationReport(1, 0, 0, 0, 0), report);
    }

    [Fact]
    public async Task ClosedDealWithFinishedWorkflow_IsLeftAlone()
    {
        _store.Deals.Add(DealBuilder.InStatus(DealStatus.Cancelled).WithId(1).Build());
        _workflow.States[1] = new(DealWorkflowRuntimeStatus.Completed, DealBuilder.Start);

        var report = await ReconcileAsync();

        Assert.Empty(_workflow.Calls);
        Assert.Equal(0, report.Signalled);
    }

    [Fact]
    public async Task OneDealFailingToReconcile_DoesNotStopTheOthers()
    {
        _store.Deals.Add(DealBuilder.InStatus(DealStatus.AwaitingPayment).WithId(1).Build());
        _store.Deals.Add(DealBuilder.InStatus(DealStatus.AwaitingPayment).WithId(2).Build());
        _workflow.Unreachable.Add(1);

        var report = await ReconcileAsync();

        Assert.Equal((1, 1), (report.Errors, report.Started));
    }

    private Task<DealReconciliationReport> ReconcileAsync() =>
        new DealReconciliationService(_store, Options.Create(new DealWorkflowOptions()), _time, NullLogger<DealReconciliationService>.Instance)
            .ReconcileAsync(_workflow, CancellationToken.None);

    private sealed class FakeWorkflow : IDealWorkflow
    {
        public Dictionary<long, DealWorkflowState> States { get; } = [];

        public HashSet<long> Unreachable { get; } = [];

        public List<string> Calls { get; } = [];

        public Task StartAsync(long dealId, CancellationToken cancellationToken)
        {
            Calls.Add($"start {dealId}");
            return Task.CompletedTask;
        }

        public Task DealMovedAsync(long dealId, string command, DealStatus status, int version, CancellationToken cancellationToken)
        {
            Calls.Add($"moved {dealId}");
            return Task.CompletedTask;
        }

        public Task<DealWorkflowState?> GetStateAsync(long dealId, CancellationToken cancellationToken) =>
            Unreachable.Contains(dealId)
                ? Task.FromException<DealWorkflowState?>(new InvalidOperationException("the task hub does not answer"))
                : Task.FromResult(States.GetValueOrDefault(dealId));
    }
}
