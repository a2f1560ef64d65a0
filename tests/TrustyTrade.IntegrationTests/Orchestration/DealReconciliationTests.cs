using TrustyTrade.Core.Deals;
using TrustyTrade.Core.Deals.Workflow;
using TrustyTrade.Functions.Deals;
using TrustyTrade.IntegrationTests.Infrastructure;

namespace TrustyTrade.IntegrationTests.Orchestration;

/// <summary>
/// The reconciliation timer's work over the real database and the in-process Durable host: what a lost signal or a
/// crash between commit and signal leaves behind is repaired, and what needs a person is flagged once.
/// </summary>
[Collection(DatabaseCollectionDefinition.Name)]
public sealed class DealReconciliationTests(DatabaseFixture database) : IAsyncLifetime
{
    private DealWorkflowHarness _app = null!;

    public async Task InitializeAsync()
    {
        await database.ResetAsync();
        _app = await DealWorkflowHarness.StartAsync(database, new Dictionary<string, string?> { ["DealWorkflow:StuckAfterMinutes"] = "0.01" });
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private DealReconciliationService Reconciliation => _app.Get<DealReconciliationService>();

    [Fact]
    public async Task OpenDealWithoutWorkflow_IsStartedAndThenDrivenToItsEnd()
    {
        var (deal, _, buyer) = await _app.BuyAsync(through: _app.DealsWithoutSignals);

        var report = await Reconciliation.ReconcileAsync(_app.Workflow, CancellationToken.None);
        await _app.StatusAsync(deal.Id, "awaiting_payment");
        await _app.ActAsync(deal.Id, Actor.User(buyer), new CancelDeal());

        Assert.Equal(1, report.Started);
        Assert.Equal(DealStatus.Cancelled, (await _app.CompletionAsync(deal.Id)).ReadOutputAs<DealWorkflowResult>()?.Status);
    }

    [Fact]
    public async Task MoreMissingWorkflowsThanOnePage_AreAllStartedInOneRun()
    {
        await using var app = await DealWorkflowHarness.StartAsync(database, new Dictionary<string, string?> { ["DealWorkflow:BatchSize"] = "2" });
        for (var i = 0; i < 5; i++)
        {
            await app.BuyAsync(through: app.DealsWithoutSignals);
        }

        var report = await app.Get<DealReconciliationService>().ReconcileAsync(app.Workflow, CancellationToken.None);

        Assert.Equal((5, 5), (report.Checked, report.Started));
    }

    [Fact]
    public async Task ClosedDealWhoseWorkflowMissedTheSignal_IsToldAndTheWorkflowEnds()
    {
        var (deal, _, buyer) = await _app.BuyAsync();
        await _app.StatusAsync(deal.Id, "awaiting_payment");
        await _app.ActAsync(new($"cancel:{deal.Id}"), deal.Id, Actor.User(buyer), new CancelDeal(), through: _app.DealsWithoutSignals);

        var report = await Reconciliation.ReconcileAsync(_app.Workflow, CancellationToken.None);

        Assert.Equal(1, report.Signalled);
        Assert.Equal(DealStatus.Cancelled, (await _app.CompletionAsync(deal.Id)).ReadOutputAs<DealWorkflowResult>()?.Status);
    }

    [Fact]
    public async Task WorkflowPastItsDeadline_IsWokenAndFlagged()
    {
        var (deal, _, _) = await _app.BuyAsync();
        await _app.StatusAsync(deal.Id, "awaiting_payment");
        // The deadline moved into the past without the workflow's timer knowing (as a lost timer would leave it).
        await _app.CountAsync("WITH moved AS (UPDATE deals SET payment_due_at = now() - interval '1 hour' WHERE id = @id RETURNING 1) SELECT count(*) FROM moved", new { id = deal.Id });

        var report = await Reconciliation.ReconcileAsync(_app.Workflow, CancellationToken.None);

        Assert.Equal((1, 1), (report.Signalled, report.Flagged));
        Assert.Equal(DealStatus.Expired, (await _app.CompletionAsync(deal.Id)).ReadOutputAs<DealWorkflowResult>()?.Status);
        Assert.Equal(DealWorkflowFlagReason.Stuck, Assert.Single(await _app.Get<IDealWorkflowStore>().ListOpenFlagsAsync(CancellationToken.None)).Reason);
    }

    [Fact]
    public async Task TerminatedWorkflowOfAnOpenDeal_IsFlaggedOnceAndCountedEachRun()
    {
        var (deal, _, _) = await _app.BuyAsync();
        await _app.StatusAsync(deal.Id, "awaiting_payment");
        await _app.Client.TerminateInstanceAsync(DealOrchestrator.InstanceId(deal.Id));
        await _app.CompletionAsync(deal.Id);

        await Reconciliation.ReconcileAsync(_app.Workflow, CancellationToken.None);
        var second = await Reconciliation.ReconcileAsync(_app.Workflow, CancellationToken.None);

        var flag = Assert.Single(await _app.Get<IDealWorkflowStore>().ListOpenFlagsAsync(CancellationToken.None));
        Assert.Equal((deal.Id, DealWorkflowFlagReason.Terminated, 2, 1), (flag.DealId, flag.Reason, flag.TimesSeen, second.Flagged));
    }

    [Fact]
    public async Task HealthyWorkflows_AreLeftAlone()
    {
        var (deal, _, _) = await _app.BuyAsync();
        await _app.StatusAsync(deal.Id, "awaiting_payment");

        var report = await Reconciliation.ReconcileAsync(_app.Workflow, CancellationToken.None);

        Assert.Equal(new DealReconciliationReport(1, 0, 0, 0, 0), report);
    }
}
