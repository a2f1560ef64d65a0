using TrustyTrade.Core.Monetary;
using TrustyTrade.IntegrationTests.Bot;
using TrustyTrade.IntegrationTests.Infrastructure;
using TrustyTrade.TestSupport;

namespace TrustyTrade.IntegrationTests.Payments.Payouts;

/// <summary>
/// Asking for a payout from the chat: 💰 Balance shows what may be withdrawn, Withdraw asks for an address, a last look,
/// then one request waits for an admin, however often the confirm button is pressed.
/// </summary>
[Collection(DatabaseCollectionDefinition.Name)]
public sealed class WithdrawBotTests(DatabaseFixture database) : IAsyncLifetime
{
    private const string Address = "0x00000000000000000000000000000000000000a1";
    private readonly TestData _data = new(database.DataSource);
    private BotConversationHarness _bot = null!;

    public async Task InitializeAsync()
    {
        await database.ResetAsync();
        _bot = await BotConversationHarness.StartAsync(database, new Dictionary<string, string?>
        {
            ["Chain:Enabled"] = "true",
            ["Chain:TokenContract"] = "0x5fbdb2315678afecb367f032d93f642f64180aa3",
            ["Chain:HotWalletKey"] = DevChain.FunderPrivateKey,
        });
    }

    public async Task DisposeAsync() => await _bot.DisposeAsync();

    [Theory]
    [InlineData("ru")]
    [InlineData("en")]
    public async Task Withdraw_WholeUsdtBalance_OneRequestAwaitsAnAdmin_EvenPressedTwice(string language)
    {
        var seller = await SellerWithUsdtAsync(language, 12.5m);
        await seller.SayAsync("/start");
        await seller.PressAsync(seller.T("BtnBalance"));
        Assert.Contains("12.5 USDT", seller.LastText, StringComparison.Ordinal);

        await seller.PressAsync(seller.T("BtnWithdrawUsdt"));
        await seller.SayAsync("not an address");
        Assert.Equal(seller.T("PayoutRefused_BadAddress"), seller.LastText);
        await seller.SayAsync(Address.ToUpperInvariant().Replace("0X", "0x", StringComparison.Ordinal));
        var confirm = seller.Messages()[^1];
        var data = TelegramUser.Buttons(confirm).Single(b => b.Text == seller.T("BtnConfirmWithdrawal")).Data;
        await seller.PressDataAsync(data, confirm.MessageId);
        await seller.PressDataAsync(data, confirm.MessageId);

        Assert.Equal(1, await _data.ScalarAsync<int>(
            "SELECT count(*)::int FROM payouts WHERE user_id = @id AND status = 'requested' AND amount = 12.5 AND address = @address",
            new { id = await UserIdAsync(seller), address = Address }));
        Assert.Equal(0m, await _data.ScalarAsync<decimal>(
            "SELECT coalesce(sum(amount), 0) FROM ledger_entries WHERE account_kind = 'seller_available' AND owner_id = @id",
            new { id = await UserIdAsync(seller) }));
    }

    [Fact]
    public async Task Balance_StarsWithoutARate_OffersNoStarsWithdrawal()
    {
        var seller = _bot.NewUser("en");
        await seller.SayAsync("/start");
        await _data.CreditAsync(await UserIdAsync(seller), "seller_available", new Money(300m, Currency.XTR));

        await seller.PressAsync(seller.T("BtnBalance"));

        Assert.Contains("300 ⭐", seller.LastText, StringComparison.Ordinal);
        Assert.DoesNotContain(TelegramUser.Buttons(seller.Messages()[^1]), b => b.Data == "wd:xtr");
    }

    private async Task<TelegramUser> SellerWithUsdtAsync(string language, decimal amount)
    {
        var seller = _bot.NewUser(language);
        await seller.SayAsync("/start");
        await _data.CreditAsync(await UserIdAsync(seller), "seller_available", new Money(amount, Currency.USDT));
        return seller;
    }

    private Task<long> UserIdAsync(TelegramUser user) =>
        _data.ScalarAsync<long>("SELECT id FROM users WHERE telegram_id = @id", new { id = user.Id });
}
