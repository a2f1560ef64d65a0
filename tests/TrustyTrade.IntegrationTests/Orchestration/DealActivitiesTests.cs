using TrustyTrade.Core.Deals;
using TrustyTrade.Core.Deals.Workflow;
using TrustyTrade.Functions.Deals;
using TrustyTrade.IntegrationTests.Infrastructure;

namespace TrustyTrade.IntegrationTests.Orchestration;

/// <summary>The deadline activity may run more than once (a retry, a redelivery): a second run changes nothing.</summary>
[Collection(DatabaseCollectionDefinition.Name)]
public sealed class DealActivitiesTests(DatabaseFixture database) : IAsyncLifetime
{
    private DealWorkflowHarness _app = null!;
    private DealActivities _activities = null!;

    public async Task InitializeAsync()
    {
        await database.ResetAsync();
        _app = await DealWorkflowHarness.StartAsync(database, new Dictionary<string, string?> { ["Escrow:PaymentWindowMinutes"] = "0.002" });
        _activities = new DealActivities(_app.Get<DealWorkflowSteps>());
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task PassDeadline_RunTwiceAtOnceAndAgain_ExpiresTheDealOnce()
    {
        var (deal, _, _) = await _app.BuyAsync(through: _app.DealsWithoutSignals);
        await Task.Delay(TimeSpan.FromMilliseconds(500)); // past the payment deadline
        var deadline = new DeadlinePassed(deal.Id, DealDeadlineKind.Payment, deal.Version);

        var outcomes = await Task.WhenAll(Task.Run(() => _activities.PassDeadline(deadline)), Task.Run(() => _activities.PassDeadline(deadline)));
        var again = await _activities.PassDeadline(deadline);

        Assert.All([.. outcomes, again], o => Assert.Equal(DealStatus.Expired, o.Step?.Status));
        Assert.Equal(1, await _app.CountAsync("SELECT count(*) FROM deal_events WHERE deal_id = @id AND command = 'expire'", new { id = deal.Id }));
    }

    [Fact]
    public async Task PassDeadline_OfAStepTheDealHasLeft_ChangesNothing()
    {
        var (deal, _, _) = await _app.BuyAsync(through: _app.DealsWithoutSignals);
        await Task.Delay(TimeSpan.FromMilliseconds(500));

        var outcome = await _activities.PassDeadline(new DeadlinePassed(deal.Id, DealDeadlineKind.Delivery, deal.Version));

        Assert.Equal((DealStatus.AwaitingPayment, false), (outcome.Step?.Status, outcome.TooEarly));
        Assert.Equal(1, await _app.CountAsync("SELECT count(*) FROM deal_events WHERE deal_id = @id", new { id = deal.Id }));
    }
}
