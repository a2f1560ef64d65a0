using Azure.Storage.Queues;
using Microsoft.Extensions.Time.Testing;
using TrustyTrade.Core.Deals;
using TrustyTrade.Core.Idempotency;
using TrustyTrade.Core.Monetary;
using TrustyTrade.Core.Payments.Crypto;
using TrustyTrade.Infrastructure.Payments;
using TrustyTrade.IntegrationTests.Infrastructure;
using TrustyTrade.TestSupport;

namespace TrustyTrade.IntegrationTests.Payments.Crypto;

/// <summary>
/// USDT payments end to end against the real dev chain (ganache) and PostgreSQL: a deal's deposit address, transfers of
/// the test token, confirmations by mining blocks, the poller's ticks run directly. Each class deploys its own token,
/// so other tests' traffic on the shared chain is not this token's.
/// </summary>
[Collection(DatabaseCollectionDefinition.Name)]
public sealed class ChainPaymentTests(DatabaseFixture database) : IAsyncLifetime
{
    private const int Confirmations = 3;
    private static readonly Money Price = new(10m, Currency.USDT);

    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private readonly TestData _data = new(database.DataSource);
    private ChainTestApp _app = null!;
    private DevChain _chain = null!;
    private string _token = null!;
    private DealService _deals = null!;
    private CryptoCheckout _checkout = null!;
    private IChainPaymentStore _store = null!;

    public async Task InitializeAsync()
    {
        await database.ResetAsync();
        _app = await ChainTestApp.StartAsync(_time, Confirmations);
        (_chain, _token) = (_app.Chain, _app.Token);
        await _chain.MintAsync(_token, _chain.OwnerAddress, 1_000_000m);
        _deals = _app.Get<DealService>();
        _checkout = _app.Get<CryptoCheckout>();
        _store = _app.Get<IChainPaymentStore>();
        await new QueueClient(TestConfiguration.Build()["AzureWebJobsStorage"], ChainQueues.Poll).DeleteIfExistsAsync();
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task ExactPayment_CountsOnlyOnceConfirmed_ThenPaysTheDeal()
    {
        var (deal, address) = await NewInvoiceAsync();
        var sent = await _chain.TransferTokenAsync(_token, address, 10m);

        await PollAsync();
        Assert.Equal(DealStatus.AwaitingPayment, await StatusAsync(deal.Id));

        await _chain.MineAsync(Confirmations - 1);
        await PollAsync();

        Assert.Equal(DealStatus.Paid, await StatusAsync(deal.Id));
        Assert.Equal((10m, 0m, 0m), await MoneyOfAsync(deal));
        Assert.Equal(1, await _data.ScalarAsync<int>(
            "SELECT count(*)::int FROM transactions WHERE deal_id = @id AND payment_method = 'crypto' AND transaction_hash = @hash AND amount = 10",
            new { id = deal.Id, hash = sent.TransactionHash }));
    }

    [Fact]
    public async Task Underpayment_WaitsForTheRest_ThenPays()
    {
        var (deal, address) = await NewInvoiceAsync();
        await _chain.TransferTokenAsync(_token, address, 4.5m);
        await ConfirmAndPollAsync();

        Assert.Equal(DealStatus.AwaitingPayment, await StatusAsync(deal.Id));
        Assert.Equal(4.5m, (await _store.FindInvoiceAsync(deal.Id, CancellationToken.None))!.Received);

        await _chain.TransferTokenAsync(_token, address, 5.5m);
        await ConfirmAndPollAsync();

        Assert.Equal(DealStatus.Paid, await StatusAsync(deal.Id));
        Assert.Equal((10m, 0m, 0m), await MoneyOfAsync(deal));
    }

    [Fact]
    public async Task Overpayment_PaysTheDealAndCreditsTheDifferenceToTheBuyer()
    {
        var (deal, address) = await NewInvoiceAsync();
        await _chain.TransferTokenAsync(_token, address, 12.345678m);
        await ConfirmAndPollAsync();

        Assert.Equal(DealStatus.Paid, await StatusAsync(deal.Id));
        Assert.Equal((10m, 0m, 2.345678m), await MoneyOfAsync(deal));
    }

    [Fact]
    public async Task PaymentAfterExpiry_CreditsTheBuyerAndFlagsIt_TheDealStaysExpired()
    {
        var (deal, address) = await NewInvoiceAsync();
        _time.Advance(TimeSpan.FromHours(2));
        await ActAsync(deal.Id, new ExpireDeal());

        await _chain.TransferTokenAsync(_token, address, 10m);
        await ConfirmAndPollAsync();

        Assert.Equal(DealStatus.Expired, await StatusAsync(deal.Id));
        Assert.Equal((0m, 0m, 10m), await MoneyOfAsync(deal));
        Assert.Equal(1, await _data.ScalarAsync<int>("SELECT count(*)::int FROM payment_flags WHERE kind = 'late_payment' AND deal_id = @id", new { id = deal.Id }));
    }

    [Fact]
    public async Task UnderpaidDealThatExpires_ReturnsTheDepositsToTheBuyerOnce()
    {
        var (deal, address) = await NewInvoiceAsync();
        await _chain.TransferTokenAsync(_token, address, 3m);
        await ConfirmAndPollAsync();
        _time.Advance(TimeSpan.FromHours(2));
        await ActAsync(deal.Id, new ExpireDeal());

        await PollAsync();
        await PollAsync();

        Assert.Equal((0m, 0m, 3m), await MoneyOfAsync(deal));
        Assert.Equal(1, await _data.ScalarAsync<int>("SELECT count(*)::int FROM payment_flags WHERE kind = 'deposit_returned' AND deal_id = @id", new { id = deal.Id }));
    }

    [Fact]
    public async Task AnotherTokenToTheDepositAddress_CreditsNothing()
    {
        var (deal, address) = await NewInvoiceAsync();
        var wrongToken = await _chain.DeployTokenAsync("Fake USDT", "USDT");
        await _chain.MintAsync(wrongToken, _chain.OwnerAddress, 100m);
        await _chain.TransferTokenAsync(wrongToken, address, 10m);
        await ConfirmAndPollAsync();

        Assert.Equal(DealStatus.AwaitingPayment, await StatusAsync(deal.Id));
        Assert.Equal(0m, (await _store.FindInvoiceAsync(deal.Id, CancellationToken.None))!.Received);
        Assert.Equal(0, await _data.ScalarAsync<int>("SELECT count(*)::int FROM chain_deposits"));
    }

    [Fact]
    public async Task TheSameBlocksReadAgain_CreditNothingTwice()
    {
        var (deal, address) = await NewInvoiceAsync();
        await _chain.TransferTokenAsync(_token, address, 4m);
        await ConfirmAndPollAsync();
        // As if the cursor had been lost: the poller reads the same blocks again.
        await _data.ExecuteAsync("UPDATE chain_cursor SET next_block = 0");

        await PollAsync();

        Assert.Equal(4m, (await _store.FindInvoiceAsync(deal.Id, CancellationToken.None))!.Received);
        Assert.Equal(1, await _data.ScalarAsync<int>("SELECT count(*)::int FROM chain_deposits"));
        Assert.Equal(4m, await BalanceAsync("deposits", deal.Id));
    }

    [Fact]
    public async Task OpenInvoice_Twice_GivesTheSameAddress_WithTheKeySealed()
    {
        var (deal, address) = await NewInvoiceAsync();

        var again = await _checkout.OpenInvoiceAsync(deal.Id, CancellationToken.None);

        Assert.Equal(address, again.Address);
        Assert.Equal(0, await _data.ScalarAsync<int>(
            "SELECT count(*)::int FROM crypto_invoices WHERE position(convert_to('0x', 'UTF8') in private_key) > 0 OR key_id <> 'test'"));
    }

    private async Task<(Deal Deal, string Address)> NewInvoiceAsync()
    {
        var seller = await _data.UserAsync();
        var buyer = await _data.UserAsync();
        var listing = await _data.ListingAsync(seller, Price);
        var deal = await TestData.BuyAsync(_deals, listing, buyer);
        var invoice = await _checkout.OpenInvoiceAsync(deal.Id, CancellationToken.None);
        return (deal, invoice.Address);
    }

    private async Task ConfirmAndPollAsync()
    {
        await _chain.MineAsync(Confirmations - 1);
        await PollAsync();
    }

    private Task PollAsync() => _app.PollAsync();

    private async Task ActAsync(long dealId, DealCommand command)
    {
        var result = await _deals.ExecuteAsync(
            new(new IdempotencyKey($"test:{Guid.NewGuid():N}"), new ActOnDeal(dealId, Actor.System, command)), CancellationToken.None);
        Assert.True(result.Succeeded, result.Refusal?.ToString());
    }

    private Task<DealStatus> StatusAsync(long dealId) =>
        _data.ScalarAsync<string>("SELECT escrow_status FROM deals WHERE id = @dealId", new { dealId }).ContinueWith(t => DealStatusNames.Parse(t.Result), TaskScheduler.Default);

    /// <summary>The deal's escrow, its deposits not yet applied, and the buyer's balance.</summary>
    private async Task<(decimal Escrow, decimal Deposits, decimal Buyer)> MoneyOfAsync(Deal deal) =>
        (await BalanceAsync("escrow", deal.Id), await BalanceAsync("deposits", deal.Id), await BalanceAsync("buyer_refunds", deal.BuyerId));

    private Task<decimal> BalanceAsync(string account, long owner) => _data.ScalarAsync<decimal>(
        "SELECT coalesce(sum(amount), 0) FROM ledger_entries WHERE account_kind = @account AND owner_id = @owner AND currency = 'USDT'",
        new { account, owner });
}
