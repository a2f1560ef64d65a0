using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using TrustyTrade.Core.Deals;
using TrustyTrade.Core.Idempotency;
using TrustyTrade.Core.Monetary;

namespace TrustyTrade.Core.Tests.Deals.Workflow;

/// <summary>DealService tells the deal's workflow after each committed (or replayed) command, and never fails for it.</summary>
public sealed class DealServiceWorkflowTests : IDisposable
{
    private const long SellerId = 1;
    private const long BuyerId = 2;
    private const long StarsListing = 50;
    private const long CryptoListing = 51;

    private readonly FakeTimeProvider _time = new(DealBuilder.Start);
    private readonly InMemoryEscrowStore _store = new();
    private readonly RecordingDealWorkflow _workflow = new();
    private readonly DealService _service;

    public DealServiceWorkflowTests()
    {
        _store.AddUser(SellerId);
        _store.AddUser(BuyerId);
        _store.AddListing(StarsListing, SellerId, new Money(100m, Currency.XTR));
        _store.AddListing(CryptoListing, SellerId, new Money(25m, Currency.USDT));
        _service = new DealService(_store, Options.Create(new EscrowOptions()), _time, NullLogger<DealService>.Instance)
            .WithWorkflow(_workflow);
    }

    public void Dispose() => _store.Dispose();

    [Fact]
    public async Task BuyAsync_Accepted_StartsTheDealsWorkflow()
    {
        var deal = await BuyAsync(StarsListing);

        Assert.Equal([$"start {deal.Id}"], _workflow.Calls);
    }

    [Fact]
    public async Task ExecuteAsync_Accepted_SignalsTheNewStatusAndVersion()
    {
        var deal = await BuyAsync(StarsListing);

        await Act(deal.Id, Actor.User(BuyerId), new CancelDeal());

        Assert.Equal($"moved {deal.Id} cancel Cancelled v1", _workflow.Calls.Last());
    }

    [Fact]
    public async Task ExecuteAsync_Refused_SignalsNothing()
    {
        var deal = await BuyAsync(StarsListing);

        await Act(deal.Id, Actor.System, new ExpireDeal()); // too early

        Assert.Single(_workflow.Calls);
    }

    [Fact]
    public async Task ExecuteAsync_Replayed_SignalsAgainInCaseTheFirstSignalWasLost()
    {
        var deal = await BuyAsync(StarsListing);
        var cancel = new IdentifiedCommand<ActOnDeal>(new("test:cancel"), new ActOnDeal(deal.Id, Actor.User(BuyerId), new CancelDeal()));

        await _service.ExecuteAsync(cancel, CancellationToken.None);
        var replay = await _service.ExecuteAsync(cancel, CancellationToken.None);

        Assert.True(replay.Replayed);
        Assert.Equal(2, _workflow.Calls.Count(c => c.Contains("cancel", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task ExecuteAsync_WorkflowDown_TheCommandStillSucceeds()
    {
        var deal = await BuyAsync(StarsListing);
        _workflow.Fail = true;

        var result = await Act(deal.Id, Actor.User(BuyerId), new CancelDeal());

        Assert.Equal(DealStatus.Cancelled, result.Deal?.Status);
    }

    [Theory]
    [InlineData(StarsListing, 30)]
    [InlineData(CryptoListing, 60)]
    public async Task BuyAsync_PaymentDeadline_FollowsThePaymentMethod(long listingId, int minutes)
    {
        var deal = await BuyAsync(listingId);

        Assert.Equal(DealBuilder.Start + TimeSpan.FromMinutes(minutes), deal.PaymentDueAt);
    }

    private async Task<Deal> BuyAsync(long listingId)
    {
        var result = await _service.BuyAsync(new(new($"test:buy:{listingId}"), new BuyListing(listingId, BuyerId)), CancellationToken.None);
        return result.Deal ?? throw new InvalidOperationException($"buy refused: {result.Refusal}");
    }

    private Task<DealResult> Act(long dealId, Actor actor, DealCommand command) =>
        _service.ExecuteAsync(new(new($"test:{Guid.NewGuid():N}"), new ActOnDeal(dealId, actor, command)), CancellationToken.None);
}
