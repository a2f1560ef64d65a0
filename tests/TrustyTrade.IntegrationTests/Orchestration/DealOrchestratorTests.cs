using Microsoft.DurableTask.Client;
using TrustyTrade.Core.Deals;
using TrustyTrade.Core.Deals.Workflow;
using TrustyTrade.Core.Idempotency;
using TrustyTrade.Core.Monetary;
using TrustyTrade.Core.Notifications;
using TrustyTrade.Functions.Deals;
using TrustyTrade.IntegrationTests.Infrastructure;

namespace TrustyTrade.IntegrationTests.Orchestration;

/// <summary>
/// The app's deal orchestration, one test per path, in the in-process Durable test host over the real database with
/// second-scale windows: the deal's final status, the orchestration's result, and the ledger after each.
/// </summary>
[Collection(DatabaseCollectionDefinition.Name)]
public sealed class DealOrchestratorTests(DatabaseFixture database) : IAsyncLifetime
{
    /// <summary>About two seconds: long enough to act inside, short enough to wait out.</summary>
    private const string ShortMinutes = "0.03";
    private const string ShortHours = "0.0005";

    private static readonly (string, decimal)[] ReleasedToSeller =
        [("escrow", 0m), ("payments_received", -100m), ("platform_fees", 5m), ("seller_available", 95m), ("warranty_hold", 0m)];

    private DealWorkflowHarness _app = null!;

    public Task InitializeAsync() => database.ResetAsync();

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }

    [Fact]
    public async Task HappyPath_PaidDeliveredConfirmed_ReleasesToSellerAfterTheWarranty()
    {
        _app = await DealWorkflowHarness.StartAsync(database);
        var (deal, seller, buyer) = await _app.BuyAsync();

        await _app.PayAsync(deal);
        await _app.ActAsync(deal.Id, Actor.User(seller), new DeliverAccount());
        await _app.ActAsync(deal.Id, Actor.User(buyer), new ConfirmReceipt());
        var done = await _app.CompletionAsync(deal.Id);

        await AssertClosedAsync(done, deal.Id, DealStatus.Released, ReleasedToSeller);
    }

    [Fact]
    public async Task PaymentWindowLapses_DealExpiresAndTheListingIsForSaleAgain()
    {
        _app = await DealWorkflowHarness.StartAsync(database, new Dictionary<string, string?> { ["Escrow:PaymentWindowMinutes"] = ShortMinutes });
        var (deal, _, _) = await _app.BuyAsync();

        var done = await _app.CompletionAsync(deal.Id);

        await AssertClosedAsync(done, deal.Id, DealStatus.Expired, []);
        Assert.Equal(1, await _app.CountAsync("SELECT count(*) FROM accounts WHERE id = @id AND status = 'active'", new { id = deal.ListingId }));
    }

    [Fact]
    public async Task DeliveryWindowLapses_BuyerIsRefunded()
    {
        _app = await DealWorkflowHarness.StartAsync(database, new Dictionary<string, string?> { ["Escrow:DeliveryWindowHours"] = ShortHours });
        var (deal, _, _) = await _app.BuyAsync();

        await _app.PayAsync(deal);
        var done = await _app.CompletionAsync(deal.Id);

        // The Stars went back to the buyer through Telegram: what was owed to them is paid out.
        await AssertClosedAsync(done, deal.Id, DealStatus.Refunded,
            [("buyer_refunds", 0m), ("escrow", 0m), ("paid_out", 100m), ("payments_received", -100m)]);
    }

    [Fact]
    public async Task InspectionWindowLapses_DealCompletesByItselfThenReleases()
    {
        _app = await DealWorkflowHarness.StartAsync(database, new Dictionary<string, string?> { ["Escrow:InspectionWindowHours"] = ShortHours });
        var (deal, seller, _) = await _app.BuyAsync();

        await _app.PayAsync(deal);
        await _app.ActAsync(deal.Id, Actor.User(seller), new DeliverAccount());
        var done = await _app.CompletionAsync(deal.Id);

        await AssertClosedAsync(done, deal.Id, DealStatus.Released, ReleasedToSeller);
        Assert.Equal(1, await _app.CountAsync(
            "SELECT count(*) FROM deal_events WHERE deal_id = @id AND command = 'auto_complete' AND actor_kind = 'system'", new { id = deal.Id }));
    }

    [Theory]
    [InlineData(DisputeOutcome.ReleaseToSeller, null, new[] { "escrow:0", "payments_received:-100", "platform_fees:5", "seller_available:95" })]
    [InlineData(DisputeOutcome.RefundToBuyer, null, new[] { "buyer_refunds:0", "escrow:0", "paid_out:100", "payments_received:-100" })]
    [InlineData(DisputeOutcome.Split, 40, new[] { "buyer_refunds:60", "escrow:0", "payments_received:-100", "platform_fees:2", "seller_available:38" })]
    public async Task Dispute_WaitsWithoutDeadlineUntilTheAdminDecides(DisputeOutcome outcome, int? sellerShare, string[] balances)
    {
        // A short delivery window: the dispute, opened before delivery, must hold it off.
        _app = await DealWorkflowHarness.StartAsync(database, new Dictionary<string, string?> { ["Escrow:DeliveryWindowHours"] = ShortHours });
        var (deal, _, buyer) = await _app.BuyAsync();
        var admin = await _app.AdminAsync();

        await _app.PayAsync(deal);
        await _app.ActAsync(deal.Id, Actor.User(buyer), new OpenDispute("the seller does not answer"));
        var waiting = await _app.StatusAsync(deal.Id, "disputed");
        await Task.Delay(TimeSpan.FromSeconds(3)); // past the delivery deadline
        Assert.Equal("disputed", await _app.StatusInDatabaseAsync(deal.Id));
        await _app.ActAsync(deal.Id, Actor.Admin(admin),
            new ResolveDispute(outcome, sellerShare is { } share ? new Money(share, Currency.XTR) : null, "chat log reviewed"));
        var done = await _app.CompletionAsync(deal.Id);

        Assert.Null(waiting.DueAt);
        await AssertClosedAsync(done, deal.Id, DealStatus.Resolved, [.. balances.Select(Balance)]);
    }

    [Fact]
    public async Task Cancel_BeforePayment_EndsTheWorkflowAndMovesNoMoney()
    {
        _app = await DealWorkflowHarness.StartAsync(database);
        var (deal, _, buyer) = await _app.BuyAsync();

        await _app.ActAsync(deal.Id, Actor.User(buyer), new CancelDeal("changed my mind"));
        var done = await _app.CompletionAsync(deal.Id);

        await AssertClosedAsync(done, deal.Id, DealStatus.Cancelled, []);
    }

    [Fact]
    public async Task DuplicateEvents_ChangeNothing()
    {
        _app = await DealWorkflowHarness.StartAsync(database);
        var (deal, seller, buyer) = await _app.BuyAsync();

        // The payment confirmed three times under its key, its signal raised again by hand, and a stale signal.
        var paid = await _app.PayAsync(deal);
        await _app.PayAsync(deal);
        await _app.PayAsync(deal);
        await _app.Workflow.DealMovedAsync(deal.Id, "confirm_payment", paid.Status, paid.Version, CancellationToken.None);
        await _app.Workflow.DealMovedAsync(deal.Id, "buy", DealStatus.AwaitingPayment, 0, CancellationToken.None);
        var delivered = await _app.ActAsync(new IdempotencyKey($"deliver:{deal.Id}"), deal.Id, Actor.User(seller), new DeliverAccount());
        await _app.ActAsync(new IdempotencyKey($"deliver:{deal.Id}"), deal.Id, Actor.User(seller), new DeliverAccount());
        await _app.Workflow.DealMovedAsync(deal.Id, "deliver", delivered.Status, delivered.Version, CancellationToken.None);
        await _app.ActAsync(deal.Id, Actor.User(buyer), new ConfirmReceipt());
        var done = await _app.CompletionAsync(deal.Id);

        await AssertClosedAsync(done, deal.Id, DealStatus.Released, ReleasedToSeller);
        // buy, confirm_payment, deliver, confirm_receipt, release: each once.
        Assert.Equal(5, await _app.CountAsync("SELECT count(*) FROM deal_events WHERE deal_id = @id", new { id = deal.Id }));
    }

    [Fact]
    public async Task WarrantyHold_AfterConfirmation_KeepsTheMoneyHeldUntilTheWarrantyEnds()
    {
        _app = await DealWorkflowHarness.StartAsync(database, new Dictionary<string, string?> { ["Escrow:DefaultWarrantyDays"] = "5" });
        var (deal, seller, buyer) = await _app.BuyAsync();

        await _app.PayAsync(deal);
        await _app.ActAsync(deal.Id, Actor.User(seller), new DeliverAccount());
        await _app.ActAsync(deal.Id, Actor.User(buyer), new ConfirmReceipt());
        var status = await _app.StatusAsync(deal.Id, "completed");
        var stored = await _app.Get<IDealWorkflowStore>().FindDealAsync(deal.Id, CancellationToken.None);

        Assert.Equal(("warranty", stored!.WarrantyEndsAt), (status.Deadline, status.DueAt));
        Assert.Equal([("escrow", 0m), ("payments_received", -100m), ("warranty_hold", 100m)], await _app.BalancesAsync(deal.Id));
    }

    [Fact]
    public async Task DisputeDuringWarranty_RefundComesOutOfTheWarrantyHold()
    {
        _app = await DealWorkflowHarness.StartAsync(database, new Dictionary<string, string?> { ["Escrow:DefaultWarrantyDays"] = "5" });
        var (deal, seller, buyer) = await _app.BuyAsync();
        var admin = await _app.AdminAsync();

        await _app.PayAsync(deal);
        await _app.ActAsync(deal.Id, Actor.User(seller), new DeliverAccount());
        await _app.ActAsync(deal.Id, Actor.User(buyer), new ConfirmReceipt());
        await _app.ActAsync(deal.Id, Actor.User(buyer), new OpenDispute("the seller recovered the account"));
        await _app.StatusAsync(deal.Id, "disputed");
        await _app.ActAsync(deal.Id, Actor.Admin(admin), new ResolveDispute(DisputeOutcome.RefundToBuyer, null, "recovery proven"));
        var done = await _app.CompletionAsync(deal.Id);

        await AssertClosedAsync(done, deal.Id, DealStatus.Resolved,
            [("buyer_refunds", 0m), ("escrow", 0m), ("paid_out", 100m), ("payments_received", -100m), ("warranty_hold", 0m)]);
    }

    [Fact]
    public async Task CustomStatus_AwaitingPayment_ShowsTheStepAndItsDeadline()
    {
        _app = await DealWorkflowHarness.StartAsync(database);
        var (deal, _, _) = await _app.BuyAsync();

        var status = await _app.StatusAsync(deal.Id, "awaiting_payment");

        Assert.Equal(("payment", deal.PaymentDueAt, deal.Version), (status.Deadline, status.DueAt, status.Version));
    }

    [Fact]
    public async Task Notifications_EachStepTheWorkflowSees_TellsTheBuyerAndTheSellerOnce()
    {
        _app = await DealWorkflowHarness.StartAsync(database);
        var (deal, seller, buyer) = await _app.BuyAsync();
        var (buyerChat, sellerChat) = (await _app.TelegramIdAsync(buyer), await _app.TelegramIdAsync(seller));

        await _app.PayAsync(deal);
        await _app.StatusAsync(deal.Id, "paid");
        await _app.ActAsync(deal.Id, Actor.User(seller), new DeliverAccount());
        await _app.StatusAsync(deal.Id, "delivered");
        await _app.ActAsync(deal.Id, Actor.User(buyer), new ConfirmReceipt());
        await _app.CompletionAsync(deal.Id);

        await AssertEachStepToldOnceAsync(buyerChat, sellerChat);
    }

    [Fact]
    public async Task Notifications_StepsFasterThanTheWorkflowReads_EachIsStillToldOnce()
    {
        _app = await DealWorkflowHarness.StartAsync(database);
        var (deal, seller, buyer) = await _app.BuyAsync();
        var (buyerChat, sellerChat) = (await _app.TelegramIdAsync(buyer), await _app.TelegramIdAsync(seller));
        await _app.StatusAsync(deal.Id, "awaiting_payment");

        // Paid and delivered without a signal the workflow could read in between: it first sees the deal completed.
        var key = new IdempotencyKey($"stars-charge:{deal.Id}");
        await _app.ActAsync(key, deal.Id, Actor.System, new ConfirmPayment(deal.Price, PaymentMethod.TelegramStars, $"charge-{deal.Id}"), _app.DealsWithoutSignals);
        await _app.ActAsync(new IdempotencyKey($"deliver:{deal.Id}"), deal.Id, Actor.User(seller), new DeliverAccount(), _app.DealsWithoutSignals);
        await _app.ActAsync(deal.Id, Actor.User(buyer), new ConfirmReceipt());
        await _app.CompletionAsync(deal.Id);

        await AssertEachStepToldOnceAsync(buyerChat, sellerChat);
    }

    /// <summary>Paid to both, delivered to the buyer, completed to both; the warranty's end is quiet.</summary>
    private async Task AssertEachStepToldOnceAsync(long buyerChat, long sellerChat)
    {
        (NotificationKind, long)[] expected =
        [
            (NotificationKind.DealPaid, buyerChat), (NotificationKind.DealPaid, sellerChat),
            (NotificationKind.DealDelivered, buyerChat),
            (NotificationKind.DealCompleted, buyerChat), (NotificationKind.DealCompleted, sellerChat),
        ];
        Assert.Equal(expected.Order(), (await _app.NotificationsAsync()).Select(n => (n.Kind, n.ChatId)).Order());
    }

    private async Task AssertClosedAsync(OrchestrationMetadata done, long dealId, DealStatus status, (string, decimal)[] balances)
    {
        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal(status, done.ReadOutputAs<DealWorkflowResult>()?.Status);
        Assert.Equal(status.ToName(), await _app.StatusInDatabaseAsync(dealId));
        Assert.Equal(balances, await _app.BalancesAsync(dealId));
        Assert.Equal(0, await _app.UnbalancedPostingsAsync());
    }

    private static (string, decimal) Balance(string accountAndAmount)
    {
        var parts = accountAndAmount.Split(':');
        return (parts[0], decimal.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture));
    }
}
