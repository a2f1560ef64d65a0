using Microsoft.Extensions.Logging.Abstractions;
using TrustyTrade.Core.Idempotency;
using TrustyTrade.Core.Ledger;
using TrustyTrade.Core.Monetary;
using TrustyTrade.Core.Payments.Payouts;
using TrustyTrade.Core.Tests.Users;
using TrustyTrade.Core.Users;

namespace TrustyTrade.Core.Tests.Payments.Payouts;

public sealed class PayoutServiceTests
{
    private const long Admin = 1;
    private const long Seller = 2;
    private const string Address = "0x90F8bf6A479f320ead074411a4B0e7944Ea8c9C1";

    private readonly InMemoryPayoutStore _store = new();
    private readonly PayoutService _service;

    public PayoutServiceTests()
    {
        var users = new FakeUserStore().Add(Admin, role: UserRole.Admin).Add(Seller);
        _service = new PayoutService(_store, users, NullLogger<PayoutService>.Instance);
    }

    [Theory]
    [InlineData("0x90f8bf6a479f320ead074411a4b0e7944ea8c9c")] // 39 digits
    [InlineData("90f8bf6a479f320ead074411a4b0e7944ea8c9c1a")] // no 0x
    [InlineData("0x90f8bf6a479f320ead074411a4b0e7944ea8c9cz")]
    [InlineData("")]
    public async Task Request_BadAddress_IsRefused(string address)
    {
        _store.Balances[(Seller, Currency.USDT)] = new(10m, 0m);

        var result = await RequestAsync(new Money(1m, Currency.USDT), address);

        Assert.Equal(PayoutRefusal.BadAddress, result.Refusal);
    }

    [Theory]
    [InlineData(0, "USDT")]
    [InlineData(-1, "USDT")]
    [InlineData(0.0000001, "USDT")] // finer than USDT's 6 decimals
    [InlineData(1.5, "XTR")] // Stars are whole
    public async Task Request_NonPositiveOrTooFineAmount_IsRefused(decimal amount, string currency)
    {
        _store.Rate = 0.01m;
        _store.Balances[(Seller, Currency.USDT)] = new(10m, 0m);
        _store.Balances[(Seller, Currency.XTR)] = new(10m, 0m);

        var result = await RequestAsync(new Money(amount, CurrencyExtensions.Parse(currency)));

        Assert.Equal(PayoutRefusal.BadAmount, result.Refusal);
    }

    [Fact]
    public async Task Request_XtrWithoutARate_IsRefused()
    {
        _store.Balances[(Seller, Currency.XTR)] = new(100m, 0m);

        var result = await RequestAsync(new Money(100m, Currency.XTR));

        Assert.Equal(PayoutRefusal.NoRate, result.Refusal);
    }

    [Fact]
    public async Task Request_MoreThanEarningsAndRefundsTogether_IsRefused()
    {
        _store.Balances[(Seller, Currency.USDT)] = new(6m, 4m);

        var result = await RequestAsync(new Money(10.000001m, Currency.USDT));

        Assert.Equal(PayoutRefusal.InsufficientBalance, result.Refusal);
    }

    [Fact]
    public async Task Request_UsdtFromEarningsThenRefunds_MovesBothToPayoutPending()
    {
        _store.Balances[(Seller, Currency.USDT)] = new(6m, 4m);

        var result = await RequestAsync(new Money(8m, Currency.USDT));

        Assert.True(result.Succeeded);
        Assert.Equal(
            [
                new LedgerEntry(LedgerAccount.SellerAvailable(Seller), new Money(-6m, Currency.USDT)),
                new LedgerEntry(LedgerAccount.BuyerRefunds(Seller), new Money(-2m, Currency.USDT)),
                new LedgerEntry(LedgerAccount.PayoutPending(Seller), new Money(8m, Currency.USDT)),
            ],
            _store.Postings.Single().Entries);
        Assert.Equal("0x90f8bf6a479f320ead074411a4b0e7944ea8c9c1", result.Payout!.Address);
    }

    [Fact]
    public async Task Request_Xtr_ConvertsAtTheRateRoundedDown_EachCurrencyThroughTheExchange()
    {
        _store.Rate = 0.012345m;
        _store.Balances[(Seller, Currency.XTR)] = new(1000m, 0m);

        var result = await RequestAsync(new Money(999m, Currency.XTR));

        // 999 × 0.012345 = 12.332655 exactly; the posting moves that much USDT.
        Assert.Equal((12.332655m, 999m, (decimal?)0.012345m), (result.Payout!.Amount, result.Payout.SourceAmount, result.Payout.Rate));
        Assert.Equal(
            [
                new LedgerEntry(LedgerAccount.SellerAvailable(Seller), new Money(-999m, Currency.XTR)),
                new LedgerEntry(LedgerAccount.CurrencyExchange, new Money(999m, Currency.XTR)),
                new LedgerEntry(LedgerAccount.CurrencyExchange, new Money(-12.332655m, Currency.USDT)),
                new LedgerEntry(LedgerAccount.PayoutPending(Seller), new Money(12.332655m, Currency.USDT)),
            ],
            _store.Postings.Single().Entries);
    }

    [Theory]
    [InlineData(1, 0.0133339, 0.013333)]
    [InlineData(3, 0.333333, 0.999999)]
    [InlineData(7, 1.4285719, 10.000003)]
    [InlineData(1000000, 0.000001, 1)]
    public void ToUsdt_RoundsDownToTheUsdtUnit(decimal stars, decimal rate, decimal expected)
    {
        Assert.Equal(expected, PayoutPostings.ToUsdt(stars, rate));
    }

    [Fact]
    public async Task SetRate_ByANonAdmin_IsRefused()
    {
        Assert.Equal(PayoutRefusal.NotAdmin, await _service.SetRateAsync(Seller, 0.013m, CancellationToken.None));
        Assert.Null(_store.Rate);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-0.01)]
    [InlineData(0.0000001)]
    public async Task SetRate_NotPositiveOrTooFine_IsRefused(decimal rate)
    {
        Assert.Equal(PayoutRefusal.BadAmount, await _service.SetRateAsync(Admin, rate, CancellationToken.None));
    }

    [Fact]
    public async Task Approve_ByANonAdmin_IsRefused()
    {
        _store.Balances[(Seller, Currency.USDT)] = new(10m, 0m);
        var requested = await RequestAsync(new Money(5m, Currency.USDT));

        var result = await _service.ApproveAsync(Seller, requested.Payout!.Id, CancellationToken.None);

        Assert.Equal(PayoutRefusal.NotAdmin, result.Refusal);
    }

    [Fact]
    public async Task Approve_Twice_TheSecondIsRefused()
    {
        _store.Balances[(Seller, Currency.USDT)] = new(10m, 0m);
        var requested = await RequestAsync(new Money(5m, Currency.USDT));
        await _service.ApproveAsync(Admin, requested.Payout!.Id, CancellationToken.None);

        var again = await _service.RejectAsync(Admin, requested.Payout.Id, "changed my mind", CancellationToken.None);

        Assert.Equal(PayoutRefusal.WrongStatus, again.Refusal);
    }

    [Theory]
    [InlineData("  ")]
    [InlineData("")]
    public async Task Reject_WithoutAReason_IsRefusedAndTheRequestStays(string reason)
    {
        _store.Balances[(Seller, Currency.USDT)] = new(10m, 0m);
        var requested = await RequestAsync(new Money(5m, Currency.USDT));

        var rejected = await _service.RejectAsync(Admin, requested.Payout!.Id, reason, CancellationToken.None);
        var approved = await _service.ApproveAsync(Admin, requested.Payout.Id, CancellationToken.None);

        Assert.Equal((PayoutRefusal.InvalidReason, (PayoutRefusal?)null), (rejected.Refusal, approved.Refusal));
    }

    private Task<PayoutResult> RequestAsync(Money amount, string address = Address) =>
        _service.RequestAsync(new PayoutRequest(Seller, amount, address, new IdempotencyKey($"test:{Guid.NewGuid():N}")), CancellationToken.None);
}
