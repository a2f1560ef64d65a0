using TrustyTrade.Core.Deals;
using TrustyTrade.Core.Monetary;
using TrustyTrade.Core.Payments.Stars;
using TrustyTrade.Functions.Deals;
using TrustyTrade.IntegrationTests.Infrastructure;
using TrustyTrade.IntegrationTests.Orchestration;

namespace TrustyTrade.IntegrationTests.Payments;

/// <summary>
/// A Stars deal that ends refunded to its buyer: the deal's workflow gives the charge back through the (fake) Bot API
/// and posts the payout, once, however often the step runs.
/// </summary>
[Collection(DatabaseCollectionDefinition.Name)]
public sealed class StarsRefundTests(DatabaseFixture database) : IAsyncLifetime
{
    private DealWorkflowHarness _app = null!;

    public async Task InitializeAsync()
    {
        await database.ResetAsync();
        _app = await DealWorkflowHarness.StartAsync(database);
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task SellerRefunds_TheWorkflowRefundsTheChargeOnceAndPaysTheBuyerOut()
    {
        var (deal, seller, buyer) = await _app.BuyAsync();
        await _app.PayAsync(deal);

        await _app.ActAsync(deal.Id, Actor.User(seller), new RefundUndelivered("can't deliver after all"));
        var done = await _app.CompletionAsync(deal.Id);

        Assert.Equal(Core.Deals.DealStatus.Refunded, done.ReadOutputAs<Functions.Deals.DealWorkflowResult>()?.Status);
        var refund = _app.Telegram.SingleCallTo("refundStarPayment");
        Assert.Equal((await _app.TelegramIdAsync(buyer), $"charge-{deal.Id}"),
            (refund.Parameter("user_id")!.Value.GetInt64(), refund.Text("telegram_payment_charge_id")));
        await AssertRefundedOnceAsync(deal.Id);
    }

    [Fact]
    public async Task RefundStep_RunAgainAndTwiceAtOnce_AsksTelegramNothingMoreAndPostsNothingMore()
    {
        var (deal, seller, _) = await _app.BuyAsync();
        await _app.PayAsync(deal);
        await _app.ActAsync(deal.Id, Actor.User(seller), new RefundUndelivered());
        await _app.CompletionAsync(deal.Id);
        var activity = new StarsRefundActivity(_app.Get<StarsRefunds>());

        var outcomes = await Task.WhenAll(
            Task.Run(() => activity.RefundStarsPayment(deal.Id)), Task.Run(() => activity.RefundStarsPayment(deal.Id)));
        var again = await activity.RefundStarsPayment(deal.Id);

        Assert.All([.. outcomes, again], o => Assert.Equal(StarsRefundOutcome.AlreadyDone, o));
        Assert.Single(_app.Telegram.CallsTo("refundStarPayment"));
        await AssertRefundedOnceAsync(deal.Id);
    }

    [Fact]
    public async Task RefundStep_StoppedAfterTelegramRefundedButBeforeRecording_FinishesOnCHARGE_ALREADY_REFUNDED()
    {
        // No workflow: the step is run by hand, as a retried activity would after the first run died mid-way.
        var (deal, seller, buyer) = await _app.BuyAsync(through: _app.DealsWithoutSignals);
        var buyerChat = await _app.TelegramIdAsync(buyer);
        _app.Telegram.AddStarPayment(buyerChat, $"charge-{deal.Id}", 100);
        await _app.ActAsync(new($"stars-charge:{deal.Id}"), deal.Id, Actor.System,
            new ConfirmPayment(deal.Price, PaymentMethod.TelegramStars, $"charge-{deal.Id}"), _app.DealsWithoutSignals);
        await _app.ActAsync(new($"refund:{deal.Id}"), deal.Id, Actor.User(seller), new RefundUndelivered(), _app.DealsWithoutSignals);
        Assert.Equal(StarsRefundAnswer.Refunded, await _app.Get<IStarsApi>().RefundAsync(buyerChat, $"charge-{deal.Id}", CancellationToken.None));
        var activity = new StarsRefundActivity(_app.Get<StarsRefunds>());

        var first = await activity.RefundStarsPayment(deal.Id);
        var second = await activity.RefundStarsPayment(deal.Id);

        Assert.Equal((StarsRefundOutcome.Refunded, StarsRefundOutcome.AlreadyDone), (first, second));
        // Telegram was asked twice in all (the lost run and the retry), and refused the retry: the Stars moved once.
        Assert.Equal(2, _app.Telegram.CallsTo("refundStarPayment").Count);
        await AssertRefundedOnceAsync(deal.Id);
    }

    [Fact]
    public async Task DisputeResolvedWithRefundToTheBuyer_TheWorkflowRefundsTheChargeOnce()
    {
        var (deal, _, buyer) = await _app.BuyAsync();
        var admin = await _app.AdminAsync();
        await _app.PayAsync(deal);
        await _app.ActAsync(deal.Id, Actor.User(buyer), new OpenDispute("the seller does not answer"));
        await _app.StatusAsync(deal.Id, "disputed");

        await _app.ActAsync(deal.Id, Actor.Admin(admin), new ResolveDispute(DisputeOutcome.RefundToBuyer, null, "no delivery proven"));
        await _app.CompletionAsync(deal.Id);
        await new StarsRefundActivity(_app.Get<StarsRefunds>()).RefundStarsPayment(deal.Id);

        Assert.Single(_app.Telegram.CallsTo("refundStarPayment"));
        await AssertRefundedOnceAsync(deal.Id);
    }

    [Fact]
    public async Task DisputeSplit_RefundsNothingInStars_TheBuyersPartStaysTheirBalance()
    {
        var (deal, _, buyer) = await _app.BuyAsync();
        var admin = await _app.AdminAsync();
        await _app.PayAsync(deal);
        await _app.ActAsync(deal.Id, Actor.User(buyer), new OpenDispute("half the skins are missing"));
        await _app.StatusAsync(deal.Id, "disputed");

        await _app.ActAsync(deal.Id, Actor.Admin(admin), new ResolveDispute(DisputeOutcome.Split, new Money(40, Currency.XTR), "half delivered"));
        await _app.CompletionAsync(deal.Id);

        Assert.Empty(_app.Telegram.CallsTo("refundStarPayment"));
        Assert.Contains(("buyer_refunds", 60m), await _app.BalancesAsync(deal.Id));
        Assert.Equal(1, await _app.CountAsync("SELECT count(*) FROM transactions WHERE deal_id = @id AND status = 'confirmed'", new { id = deal.Id }));
    }

    private async Task AssertRefundedOnceAsync(long dealId)
    {
        Assert.Equal(1, await _app.CountAsync(
            "SELECT count(*) FROM transactions WHERE deal_id = @dealId AND payment_method = 'telegram_stars' AND status = 'refunded'", new { dealId }));
        Assert.Equal(1, await _app.CountAsync(
            "SELECT count(*) FROM ledger_postings WHERE deal_id = @dealId AND kind = 'stars_refund'", new { dealId }));
        var balances = await _app.BalancesAsync(dealId);
        Assert.Contains(("buyer_refunds", 0m), balances);
        Assert.Contains(("paid_out", 100m), balances);
        Assert.Equal(0, await _app.UnbalancedPostingsAsync());
    }
}
