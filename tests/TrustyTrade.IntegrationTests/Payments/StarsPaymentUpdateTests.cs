using TrustyTrade.Core.Deals;
using TrustyTrade.Core.Monetary;
using TrustyTrade.IntegrationTests.Bot;
using TrustyTrade.IntegrationTests.Infrastructure;

namespace TrustyTrade.IntegrationTests.Payments;

/// <summary>
/// successful_payment updates through the webhook and the update function: a payment counts once per charge id, and
/// one no deal can take goes back to the payer at once, in their language, without touching any deal.
/// </summary>
[Collection(DatabaseCollectionDefinition.Name)]
public sealed class StarsPaymentUpdateTests(DatabaseFixture database) : IAsyncLifetime
{
    private BotConversationHarness _bot = null!;
    private TestData _data = null!;

    public async Task InitializeAsync()
    {
        await database.ResetAsync();
        _bot = await BotConversationHarness.StartAsync(database);
        _data = new TestData(database.DataSource);
    }

    public async Task DisposeAsync() => await _bot.DisposeAsync();

    [Theory]
    [InlineData("ru")]
    [InlineData("en")]
    public async Task PaymentForACancelledDeal_IsRefundedAndThePayerToldAndTheDealUnchanged(string language)
    {
        var (buyer, deal) = await DealAsync(language);
        await _bot.Workflow.ActAsync(deal.Id, Actor.User(deal.BuyerId), new CancelDeal("changed my mind"));
        var charge = $"late-{deal.Id}";

        await buyer.PayAsync(100, $"deal:{deal.Id}", charge);

        var refund = _bot.Fake.SingleCallTo("refundStarPayment");
        Assert.Equal((buyer.Id, charge), (refund.Parameter("user_id")!.Value.GetInt64(), refund.Text("telegram_payment_charge_id")));
        Assert.True(buyer.WasTold(buyer.T("PaymentRefunded", "100 ⭐")));
        Assert.Equal("cancelled", await StatusAsync(deal.Id));
        Assert.Equal(0L, await _data.ScalarAsync<long>("SELECT count(*) FROM transactions WHERE deal_id = @id", new { id = deal.Id }));
        Assert.Equal(0L, await _data.ScalarAsync<long>("SELECT count(*) FROM ledger_postings WHERE deal_id = @id", new { id = deal.Id }));
        Assert.Equal("refunded", await _data.ScalarAsync<string>("SELECT status FROM stars_unmatched_payments WHERE charge_id = @charge", new { charge }));
    }

    [Fact]
    public async Task LatePaymentNoticeSentAgain_IsRefundedAndRecordedOnce()
    {
        var (buyer, deal) = await DealAsync("ru");
        await _bot.Workflow.ActAsync(deal.Id, Actor.User(deal.BuyerId), new CancelDeal(null));
        var charge = $"late-twice-{deal.Id}";

        await buyer.PayAsync(100, $"deal:{deal.Id}", charge);
        await buyer.SendPaymentAsync(100, $"deal:{deal.Id}", charge);

        Assert.Single(_bot.Fake.CallsTo("refundStarPayment"));
        Assert.Equal(1L, await _data.ScalarAsync<long>("SELECT count(*) FROM ledger_postings WHERE kind = 'stars_unmatched_refund'"));
        Assert.Equal(0L, await _bot.Workflow.UnbalancedPostingsAsync());
    }

    [Fact]
    public async Task PaymentWithAPayloadNamingNoDeal_IsRefunded()
    {
        var buyer = _bot.NewUser("en");
        await buyer.SayAsync("/start");

        await buyer.PayAsync(70, "deal:999999999", "charge-nowhere");

        Assert.Equal("charge-nowhere", _bot.Fake.SingleCallTo("refundStarPayment").Text("telegram_payment_charge_id"));
        Assert.True(buyer.WasTold(buyer.T("PaymentRefunded", "70 ⭐")));
        Assert.Equal(70m, await _data.ScalarAsync<decimal>("SELECT amount FROM stars_unmatched_payments WHERE charge_id = 'charge-nowhere'"));
    }

    [Fact]
    public async Task SamePaymentNoticeTwice_CreditsTheDealOnce()
    {
        var (buyer, deal) = await DealAsync("ru");

        await buyer.PayAsync(100, $"deal:{deal.Id}", $"charge-{deal.Id}");
        await buyer.SendPaymentAsync(100, $"deal:{deal.Id}", $"charge-{deal.Id}");

        Assert.Equal("paid", await StatusAsync(deal.Id));
        Assert.Equal(1L, await _data.ScalarAsync<long>("SELECT count(*) FROM transactions WHERE deal_id = @id", new { id = deal.Id }));
        Assert.Equal(1L, await _data.ScalarAsync<long>("SELECT count(*) FROM ledger_postings WHERE deal_id = @id AND kind = 'payment'", new { id = deal.Id }));
        Assert.Empty(_bot.Fake.CallsTo("refundStarPayment"));
    }

    /// <summary>A registered buyer (they said /start) with a 100 ⭐ deal awaiting payment, and its workflow.</summary>
    private async Task<(TelegramUser Buyer, Deal Deal)> DealAsync(string language)
    {
        var buyer = _bot.NewUser(language);
        await buyer.SayAsync("/start");
        var buyerId = await _data.ScalarAsync<long>("SELECT id FROM users WHERE telegram_id = @id", new { id = buyer.Id });
        var seller = await _data.UserAsync();
        var listing = await _data.ListingAsync(seller, new Money(100, Currency.XTR));
        var deal = await TestData.BuyAsync(_bot.Workflow.Deals, listing, buyerId);
        return (buyer, deal);
    }

    private Task<string> StatusAsync(long dealId) =>
        _data.ScalarAsync<string>("SELECT escrow_status FROM deals WHERE id = @dealId", new { dealId });
}
