using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using TrustyTrade.Core.Deals;
using TrustyTrade.Core.Idempotency;
using TrustyTrade.Core.Monetary;
using TrustyTrade.Core.Payments.Chain;
using TrustyTrade.Core.Payments.Crypto;
using TrustyTrade.Core.Payments.Payouts;
using TrustyTrade.Functions.Payments;
using TrustyTrade.IntegrationTests.Infrastructure;
using TrustyTrade.TestSupport;

namespace TrustyTrade.IntegrationTests.Payments.Payouts;

/// <summary>
/// Seller payouts end to end against the real dev chain (ganache) and PostgreSQL: a request moves the balance to
/// payout pending, an admin approves, the sender signs and broadcasts from the hot wallet, blocks are mined, and the
/// confirmation books the money as paid out. Each test has its own token and its own hot wallet key.
/// </summary>
[Collection(DatabaseCollectionDefinition.Name)]
public sealed class PayoutTests(DatabaseFixture database) : IAsyncLifetime
{
    private const int Confirmations = 3;
    private const decimal HotWalletUsdt = 1_000m;

    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private readonly TestData _data = new(database.DataSource);
    private ChainTestApp _app = null!;
    private DevChain _chain = null!;
    private string _token = null!;
    private string _hotWallet = null!;
    private ServiceProvider _services = null!;
    private PayoutService _payouts = null!;
    private PayoutSender _sender = null!;
    private long _admin;

    public async Task InitializeAsync()
    {
        await database.ResetAsync();
        _app = await ChainTestApp.StartAsync(_time, Confirmations, async chain =>
        {
            var (hotWallet, hotWalletKey) = await chain.CreateFundedKeyAsync(1m);
            _hotWallet = hotWallet;
            return hotWalletKey;
        });
        (_chain, _token, _services) = (_app.Chain, _app.Token, _app.Services);
        await _chain.MintAsync(_token, _hotWallet, HotWalletUsdt);
        _payouts = _app.Get<PayoutService>();
        _sender = _app.Get<PayoutSender>();
        _admin = await _data.UserAsync("admin");
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task SellerPayout_EndToEnd_TokensReachTheSellerAndTheLedgerShowsThemPaidOut()
    {
        var seller = await SellerWithAsync(25m, Currency.USDT);
        var recipient = NewAddress();

        var requested = await RequestAsync(seller, new Money(10m, Currency.USDT), recipient);
        Assert.Equal((15m, 10m), (await BalanceAsync("seller_available", seller), await BalanceAsync("payout_pending", seller)));
        await ApproveAsync(requested.Id);
        Assert.Equal(1, await _sender.SendApprovedAsync(CancellationToken.None));
        Assert.Equal(0, await _sender.ConfirmSentAsync(CancellationToken.None)); // in a block, not yet confirmed
        await _chain.MineAsync(Confirmations - 1);
        Assert.Equal(1, await _sender.ConfirmSentAsync(CancellationToken.None));

        var payout = await FindAsync(requested.Id);
        Assert.Equal(PayoutStatus.Confirmed, payout.Status);
        Assert.Equal(10m, await _chain.TokenBalanceAsync(_token, recipient));
        Assert.Equal(HotWalletUsdt - 10m, await _chain.TokenBalanceAsync(_token, _hotWallet));
        Assert.Equal((15m, 0m, 10m), (await BalanceAsync("seller_available", seller), await BalanceAsync("payout_pending", seller), await PaidOutAsync()));
        Assert.Equal(0, await UnbalancedPostingsAsync());
    }

    [Fact]
    public async Task RunPayouts_TheTimerFunction_SendsThenConfirms()
    {
        var function = new PayoutFunctions(_services.GetRequiredService<PayoutRound>());
        var seller = await SellerWithAsync(5m, Currency.USDT);
        var recipient = NewAddress();
        var requested = await RequestAsync(seller, new Money(5m, Currency.USDT), recipient);
        await ApproveAsync(requested.Id);

        await function.RunPayouts(new TimerInfo(), CancellationToken.None);
        Assert.Equal(PayoutStatus.Sent, (await FindAsync(requested.Id)).Status);
        await _chain.MineAsync(Confirmations);
        await function.RunPayouts(new TimerInfo(), CancellationToken.None);

        Assert.Equal(PayoutStatus.Confirmed, (await FindAsync(requested.Id)).Status);
        Assert.Equal(5m, await _chain.TokenBalanceAsync(_token, recipient));
    }

    [Fact]
    public async Task Sender_CrashAfterSigningThenRunTwice_SendsOneTransaction()
    {
        var seller = await SellerWithAsync(10m, Currency.USDT);
        var recipient = NewAddress();
        var requested = await RequestAsync(seller, new Money(7m, Currency.USDT), recipient);
        await ApproveAsync(requested.Id);
        var nonceBefore = await _services.GetRequiredService<IChainClient>().GetNonceAsync(_hotWallet, CancellationToken.None);

        // The crash: signed and stored as the sender does it, then the process died before broadcasting.
        var chain = _services.GetRequiredService<IChainClient>();
        var key = _services.GetRequiredService<IOptions<ChainOptions>>().Value.HotWalletKey;
        var signed = await _services.GetRequiredService<IPayoutStore>().SignAsync(
            requested.Id, _hotWallet, nonceBefore, nonce => chain.SignTokenTransfer(key, recipient, 7m, nonce), CancellationToken.None);
        Assert.Equal(PayoutStatus.TransactionSigned, signed!.Status);
        Assert.Equal(0m, await _chain.TokenBalanceAsync(_token, recipient));

        await _sender.SendApprovedAsync(CancellationToken.None);
        await _sender.SendApprovedAsync(CancellationToken.None);
        await _chain.MineAsync(Confirmations);
        await _sender.ConfirmSentAsync(CancellationToken.None);
        await _sender.SendApprovedAsync(CancellationToken.None);

        var payout = await FindAsync(requested.Id);
        Assert.Equal((PayoutStatus.Confirmed, signed.TxHash), (payout.Status, payout.TxHash));
        Assert.Equal(7m, await _chain.TokenBalanceAsync(_token, recipient));
        Assert.Equal(nonceBefore + 1, await chain.GetNonceAsync(_hotWallet, CancellationToken.None));
        Assert.Equal(nonceBefore + 1, await _data.ScalarAsync<long>("SELECT next_nonce FROM hot_wallet_nonces WHERE address = @_hotWallet", new { _hotWallet }));
    }

    [Fact]
    public async Task TwoPayouts_GetConsecutiveNonces_AndBothArrive()
    {
        var seller = await SellerWithAsync(10m, Currency.USDT);
        var (first, second) = (NewAddress(), NewAddress());
        await ApproveAsync((await RequestAsync(seller, new Money(3m, Currency.USDT), first)).Id);
        await ApproveAsync((await RequestAsync(seller, new Money(4m, Currency.USDT), second)).Id);

        Assert.Equal(2, await _sender.SendApprovedAsync(CancellationToken.None));
        await _chain.MineAsync(Confirmations);
        Assert.Equal(2, await _sender.ConfirmSentAsync(CancellationToken.None));

        Assert.Equal((3m, 4m), (await _chain.TokenBalanceAsync(_token, first), await _chain.TokenBalanceAsync(_token, second)));
        Assert.Equal(1, await _data.ScalarAsync<int>("SELECT (max(nonce) - min(nonce))::int FROM payouts"));
    }

    [Fact]
    public async Task PayoutThatRevertsOnChain_IsFailedAndFlagged_TheMoneyStaysPending()
    {
        // More than the hot wallet holds: the token's transfer reverts, mined with a failed status.
        var seller = await SellerWithAsync(HotWalletUsdt * 2, Currency.USDT);
        var requested = await RequestAsync(seller, new Money(HotWalletUsdt + 1m, Currency.USDT), NewAddress());
        await ApproveAsync(requested.Id);

        await _sender.SendApprovedAsync(CancellationToken.None);
        await _chain.MineAsync(Confirmations);
        await _sender.ConfirmSentAsync(CancellationToken.None);

        Assert.Equal(PayoutStatus.Failed, (await FindAsync(requested.Id)).Status);
        Assert.Equal(HotWalletUsdt + 1m, await BalanceAsync("payout_pending", seller));
        Assert.Equal(1, await _data.ScalarAsync<int>("SELECT count(*)::int FROM payment_flags WHERE kind = 'payout_failed' AND reference = @reference",
            new { reference = $"payout:{requested.Id}" }));
    }

    [Fact]
    public async Task XtrEarnings_AreConvertedAtTheAdminsRate_EachCurrencyBalanced()
    {
        Assert.Null(await _payouts.SetRateAsync(_admin, 0.013m, CancellationToken.None));
        var seller = await SellerWithAsync(1000m, Currency.XTR);
        var recipient = NewAddress();

        var requested = await RequestAsync(seller, new Money(777m, Currency.XTR), recipient);
        await ApproveAsync(requested.Id);
        await _sender.SendApprovedAsync(CancellationToken.None);
        await _chain.MineAsync(Confirmations);
        await _sender.ConfirmSentAsync(CancellationToken.None);

        // 777 × 0.013 = 10.101 USDT.
        var payout = await FindAsync(requested.Id);
        Assert.Equal((10.101m, Currency.XTR, 777m, (decimal?)0.013m), (payout.Amount, payout.SourceCurrency, payout.SourceAmount, payout.Rate));
        Assert.Equal(10.101m, await _chain.TokenBalanceAsync(_token, recipient));
        Assert.Equal(223m, await BalanceAsync("seller_available", seller, "XTR"));
        Assert.Equal((777m, -10.101m), (await PlatformBalanceAsync("currency_exchange", "XTR"), await PlatformBalanceAsync("currency_exchange", "USDT")));
        Assert.Equal(0m, await BalanceAsync("payout_pending", seller));
        Assert.Equal(0, await UnbalancedPostingsAsync());
    }

    [Fact]
    public async Task XtrWithoutARate_IsRefused()
    {
        var seller = await SellerWithAsync(100m, Currency.XTR);

        var result = await _payouts.RequestAsync(new(seller, new Money(100m, Currency.XTR), NewAddress(), NewKey()), CancellationToken.None);

        Assert.Equal(PayoutRefusal.NoRate, result.Refusal);
    }

    [Fact]
    public async Task MoreThanAvailable_IsRefused_AndNothingMoves()
    {
        var seller = await SellerWithAsync(5m, Currency.USDT);

        var result = await _payouts.RequestAsync(new(seller, new Money(5.000001m, Currency.USDT), NewAddress(), NewKey()), CancellationToken.None);

        Assert.Equal(PayoutRefusal.InsufficientBalance, result.Refusal);
        Assert.Equal((0, 5m), (await _data.ScalarAsync<int>("SELECT count(*)::int FROM payouts"), await BalanceAsync("seller_available", seller)));
    }

    [Fact]
    public async Task ConcurrentRequests_CannotSpendOneBalanceTwice()
    {
        var seller = await SellerWithAsync(10m, Currency.USDT);

        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() =>
            _payouts.RequestAsync(new(seller, new Money(6m, Currency.USDT), NewAddress(), NewKey()), CancellationToken.None))));

        Assert.Single(results, r => r.Succeeded);
        Assert.Equal((4m, 6m), (await BalanceAsync("seller_available", seller), await BalanceAsync("payout_pending", seller)));
    }

    [Fact]
    public async Task SameRequestTwice_StoresOnePayout()
    {
        var seller = await SellerWithAsync(10m, Currency.USDT);
        var request = new PayoutRequest(seller, new Money(6m, Currency.USDT), NewAddress(), NewKey());

        var first = await _payouts.RequestAsync(request, CancellationToken.None);
        var again = await _payouts.RequestAsync(request, CancellationToken.None);

        Assert.Equal(first.Payout!.Id, again.Payout!.Id);
        Assert.Equal(4m, await BalanceAsync("seller_available", seller));
    }

    [Fact]
    public async Task Reject_ReturnsTheMoneyToTheBalancesItCameFrom()
    {
        var seller = await SellerWithAsync(8m, Currency.USDT);
        await _data.CreditAsync(seller, "buyer_refunds", new Money(2m, Currency.USDT));
        var requested = await RequestAsync(seller, new Money(10m, Currency.USDT), NewAddress());

        var rejected = await _payouts.RejectAsync(_admin, requested.Id, "address on a sanctions list", CancellationToken.None);

        Assert.Equal(PayoutStatus.Rejected, rejected.Payout?.Status);
        Assert.Equal((8m, 2m, 0m), (await BalanceAsync("seller_available", seller), await BalanceAsync("buyer_refunds", seller), await BalanceAsync("payout_pending", seller)));
        Assert.Equal(0, await _sender.SendApprovedAsync(CancellationToken.None));
        Assert.Equal(0, await UnbalancedPostingsAsync());
    }

    [Fact]
    public async Task Approve_ByAUserWhoIsNotAnAdmin_IsRefused()
    {
        var seller = await SellerWithAsync(8m, Currency.USDT);
        var requested = await RequestAsync(seller, new Money(8m, Currency.USDT), NewAddress());

        var result = await _payouts.ApproveAsync(seller, requested.Id, CancellationToken.None);

        Assert.Equal(PayoutRefusal.NotAdmin, result.Refusal);
        Assert.Equal(PayoutStatus.Requested, (await FindAsync(requested.Id)).Status);
    }

    [Fact]
    public async Task Sweep_PaidDealsDeposit_GoesToTheHotWallet_GasFundedFirst()
    {
        var deposit = await PaidDealDepositAsync(10m);
        var sweeper = _services.GetRequiredService<DepositSweeper>();
        Assert.Equal(0m, await _services.GetRequiredService<IChainClient>().GetCoinBalanceAsync(deposit, CancellationToken.None));

        Assert.Equal(0, await sweeper.SweepAsync(CancellationToken.None)); // gas from the hot wallet
        Assert.Equal("gas_funded", await _data.ScalarAsync<string>("SELECT step FROM sweeps"));
        Assert.Equal(1, await sweeper.SweepAsync(CancellationToken.None)); // the token, signed by the deposit key
        await sweeper.SweepAsync(CancellationToken.None); // mined: finished
        Assert.Equal(0, await sweeper.SweepAsync(CancellationToken.None));

        Assert.Equal(0m, await _chain.TokenBalanceAsync(_token, deposit));
        Assert.Equal(HotWalletUsdt + 10m, await _chain.TokenBalanceAsync(_token, _hotWallet));
        Assert.Equal(1, await _data.ScalarAsync<int>(
            "SELECT count(*)::int FROM sweeps WHERE step = 'swept' AND gas_tx_hash IS NOT NULL AND sweep_tx_hash IS NOT NULL AND finished_at IS NOT NULL"));
    }

    /// <summary>
    /// A seller with <paramref name="amount"/> available. Credited by a balanced posting written straight in SQL
    /// (payments received → seller available) rather than by driving a deal to release: simpler, and the deal's own
    /// postings are DealService's tests' business.
    /// </summary>
    private async Task<long> SellerWithAsync(decimal amount, Currency currency)
    {
        var seller = await _data.UserAsync();
        await _data.CreditAsync(seller, "seller_available", new Money(amount, currency));
        return seller;
    }

    /// <summary>A deal paid through its deposit address by the poller, as in ChainPaymentTests; returns the address.</summary>
    private async Task<string> PaidDealDepositAsync(decimal price)
    {
        var deals = _services.GetRequiredService<DealService>();
        var seller = await _data.UserAsync();
        var buyer = await _data.UserAsync();
        var listing = await _data.ListingAsync(seller, new Money(price, Currency.USDT));
        var deal = await TestData.BuyAsync(deals, listing, buyer);
        var invoice = await _services.GetRequiredService<CryptoCheckout>().OpenInvoiceAsync(deal.Id, CancellationToken.None);
        await _chain.MintAsync(_token, _chain.OwnerAddress, price);
        await _chain.TransferTokenAsync(_token, invoice.Address, price);
        await _chain.MineAsync(Confirmations - 1);
        await _app.PollAsync();
        Assert.Equal("paid", await _data.ScalarAsync<string>("SELECT escrow_status FROM deals WHERE id = @id", new { id = deal.Id }));
        return invoice.Address;
    }

    private async Task<Payout> RequestAsync(long user, Money amount, string address)
    {
        var result = await _payouts.RequestAsync(new(user, amount, address, NewKey()), CancellationToken.None);
        Assert.True(result.Succeeded, result.Refusal?.ToString());
        return result.Payout!;
    }

    private async Task ApproveAsync(long payoutId)
    {
        var result = await _payouts.ApproveAsync(_admin, payoutId, CancellationToken.None);
        Assert.True(result.Succeeded, result.Refusal?.ToString());
    }

    private async Task<Payout> FindAsync(long payoutId) =>
        await _services.GetRequiredService<IPayoutStore>().FindAsync(payoutId, CancellationToken.None) ?? throw new InvalidOperationException("no payout");

    private static string NewAddress() => Nethereum.Signer.EthECKey.GenerateKey().GetPublicAddress().ToLowerInvariant();

    private static IdempotencyKey NewKey() => new($"test-payout:{Guid.NewGuid():N}");

    private Task<decimal> BalanceAsync(string account, long owner, string currency = "USDT") => _data.ScalarAsync<decimal>(
        "SELECT coalesce(sum(amount), 0) FROM ledger_entries WHERE account_kind = @account AND owner_id = @owner AND currency = @currency",
        new { account, owner, currency });

    private Task<decimal> PlatformBalanceAsync(string account, string currency) => _data.ScalarAsync<decimal>(
        "SELECT coalesce(sum(amount), 0) FROM ledger_entries WHERE account_kind = @account AND owner_id IS NULL AND currency = @currency",
        new { account, currency });

    private Task<decimal> PaidOutAsync() => _data.ScalarAsync<decimal>(
        "SELECT coalesce(sum(e.amount), 0) FROM ledger_entries e JOIN ledger_postings p ON p.id = e.posting_id WHERE e.account_kind = 'paid_out' AND p.payout_id IS NOT NULL");

    /// <summary>Postings whose entries don't sum to zero in some currency (the ledger's invariant).</summary>
    private Task<int> UnbalancedPostingsAsync() => _data.ScalarAsync<int>(
        "SELECT count(*)::int FROM (SELECT 1 FROM ledger_entries GROUP BY posting_id, currency HAVING sum(amount) <> 0) AS unbalanced");
}
