using TrustyTrade.Core.Deals;
using TrustyTrade.Core.Payments.Stars;
using TrustyTrade.Functions.Payments;
using TrustyTrade.IntegrationTests.Infrastructure;
using TrustyTrade.IntegrationTests.Orchestration;

namespace TrustyTrade.IntegrationTests.Payments;

/// <summary>The hourly timer against the fake Bot API's getStarTransactions and the real database: each difference flagged once.</summary>
[Collection(DatabaseCollectionDefinition.Name)]
public sealed class StarsReconciliationTests(DatabaseFixture database) : IAsyncLifetime
{
    private static readonly DateTimeOffset AnHourAgo = DateTimeOffset.UtcNow.AddHours(-1);

    private DealWorkflowHarness _app = null!;

    public async Task InitializeAsync()
    {
        await database.ResetAsync();
        _app = await DealWorkflowHarness.StartAsync(database);
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Reconcile_TwiceOverThreeDifferences_FlagsEachOnce()
    {
        var agreed = await PaidAsync(atTelegram: true);
        var refundedThere = await PaidAsync(atTelegram: true);
        _app.Telegram.AddStarRefund(1, refundedThere, 100, AnHourAgo);
        var oursOnly = await PaidAsync(atTelegram: false);
        _app.Telegram.AddStarPayment(424242, "ghost-charge", 50, AnHourAgo);
        var function = new StarsReconciliationFunction(_app.Get<StarsReconciliationService>());

        var first = await function.ReconcileStarsPayments(null!, CancellationToken.None);
        var second = await function.ReconcileStarsPayments(null!, CancellationToken.None);

        Assert.Equal((3, 3), (first.Differences, first.NewFlags));
        Assert.Equal((3, 0), (second.Differences, second.NewFlags));
        var flags = await _app.Get<IStarsStore>().ListOpenFlagsAsync(CancellationToken.None);
        (string, StarsDiscrepancyKind)[] expected =
        [
            ("ghost-charge", StarsDiscrepancyKind.MissingHere), (oursOnly, StarsDiscrepancyKind.MissingAtTelegram),
            (refundedThere, StarsDiscrepancyKind.RefundedOnlyAtTelegram),
        ];
        Assert.Equal(expected.Order(), flags.Select(f => (f.ChargeId, f.Kind)).Order());
        Assert.DoesNotContain(flags, f => f.ChargeId == agreed);
    }

    [Fact]
    public async Task Reconcile_DealRefundedLongAgoWhoseStarsNeverWentBack_IsRefundPending()
    {
        // Refunded without a workflow (as one that failed would leave it), three hours ago.
        var charge = await PaidAsync(atTelegram: true);
        var dealId = await _app.CountAsync("SELECT deal_id FROM transactions WHERE transaction_hash = @charge", new { charge });
        var seller = await _app.CountAsync("SELECT seller_id FROM deals WHERE id = @dealId", new { dealId });
        await _app.ActAsync(new($"refund:{dealId}"), dealId, Actor.User(seller), new RefundUndelivered(), _app.DealsWithoutSignals);
        await _app.CountAsync("UPDATE deals SET closed_at = now() - interval '3 hours' WHERE id = @dealId RETURNING 1", new { dealId });

        var report = await _app.Get<StarsReconciliationService>().ReconcileAsync(CancellationToken.None);

        Assert.Equal(1, report.NewFlags);
        var flag = Assert.Single(await _app.Get<IStarsStore>().ListOpenFlagsAsync(CancellationToken.None));
        Assert.Equal((charge, StarsDiscrepancyKind.RefundPending), (flag.ChargeId, flag.Kind));
    }

    [Fact]
    public async Task Reconcile_ReadsEveryPage()
    {
        for (var i = 0; i < StarsReconciliationService.PageSize + 5; i++)
        {
            _app.Telegram.AddStarPayment(424242, $"page-charge-{i}", 1, AnHourAgo.AddSeconds(i));
        }

        var report = await _app.Get<StarsReconciliationService>().ReconcileAsync(CancellationToken.None);

        Assert.Equal((StarsReconciliationService.PageSize + 5, StarsReconciliationService.PageSize + 5), (report.TelegramTransactions, report.NewFlags));
        Assert.Equal(2, _app.Telegram.CallsTo("getStarTransactions").Count);
    }

    /// <summary>A deal paid an hour ago under a charge of its own (without a workflow); Telegram lists it when <paramref name="atTelegram"/>.</summary>
    private async Task<string> PaidAsync(bool atTelegram)
    {
        var (deal, _, buyer) = await _app.BuyAsync(through: _app.DealsWithoutSignals);
        var charge = $"rec-{deal.Id}";
        if (atTelegram)
        {
            _app.Telegram.AddStarPayment(await _app.TelegramIdAsync(buyer), charge, 100, AnHourAgo);
        }

        await _app.ActAsync(new($"stars-charge:{charge}"), deal.Id, Actor.System,
            new ConfirmPayment(deal.Price, PaymentMethod.TelegramStars, charge), _app.DealsWithoutSignals);
        await _app.CountAsync("UPDATE transactions SET created_at = @at WHERE transaction_hash = @charge RETURNING 1", new { at = AnHourAgo, charge });
        return charge;
    }
}
