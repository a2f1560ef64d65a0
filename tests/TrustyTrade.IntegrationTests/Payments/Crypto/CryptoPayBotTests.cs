using System.Text.RegularExpressions;
using TrustyTrade.Core.Monetary;
using TrustyTrade.IntegrationTests.Bot;
using TrustyTrade.IntegrationTests.Infrastructure;
using TrustyTrade.TestSupport;

namespace TrustyTrade.IntegrationTests.Payments.Crypto;

/// <summary>
/// Paying a USDT deal from the chat: the buyer presses Pay and gets the deal's own deposit address (the same one each
/// time), or, without a chain, a clear word that USDT can't be paid now.
/// </summary>
[Collection(DatabaseCollectionDefinition.Name)]
public sealed partial class CryptoPayBotTests(DatabaseFixture database) : IAsyncLifetime
{
    private static readonly Money Price = new(10m, Currency.USDT);
    private readonly TestData _data = new(database.DataSource);
    private DevChain _chain = null!;
    private string _token = null!;

    public async Task InitializeAsync()
    {
        await database.ResetAsync();
        _chain = await DevChain.StartAsync(TestConfiguration.Build()["Chain:RpcUrl"]);
        _token = await _chain.DeployTokenAsync();
    }

    public Task DisposeAsync()
    {
        _chain.Dispose();
        return Task.CompletedTask;
    }

    [Theory]
    [InlineData("ru")]
    [InlineData("en")]
    public async Task Pay_ShowsTheDealsOwnAddress_TheSameEachTime(string language)
    {
        await using var bot = await BotConversationHarness.StartAsync(database, new Dictionary<string, string?>
        {
            ["Chain:Enabled"] = "true",
            ["Chain:TokenContract"] = _token,
            ["Chain:HotWalletKey"] = DevChain.FunderPrivateKey,
        });
        var (buyer, dealId) = await UsdtDealAsync(bot, language);

        await buyer.PressAsync(buyer.T("BtnPay", "10 USDT"));
        var first = buyer.LastText;
        await buyer.OpenDealAsync(dealId);
        await buyer.PressAsync(buyer.T("BtnPay", "10 USDT"));

        var stored = await _data.ScalarAsync<string>("SELECT address FROM crypto_invoices WHERE deal_id = @dealId", new { dealId });
        Assert.Equal([stored, stored], [Address().Match(first).Value, Address().Match(buyer.LastText).Value]);
        Assert.Contains(_token, buyer.LastText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pay_WithoutAChain_SaysUsdtCantBePaidNow_AndOpensNoInvoice()
    {
        await using var bot = await BotConversationHarness.StartAsync(database);
        var (buyer, dealId) = await UsdtDealAsync(bot, "en");

        await buyer.PressAsync(buyer.T("BtnPay", "10 USDT"));

        Assert.StartsWith("USDT payment isn't available now.", buyer.LastToast, StringComparison.Ordinal);
        Assert.Equal(0, await _data.ScalarAsync<int>("SELECT count(*)::int FROM crypto_invoices WHERE deal_id = @dealId", new { dealId }));
    }

    /// <summary>A buyer who pressed Buy on an active 10 USDT listing, looking at the deal's card.</summary>
    private async Task<(TelegramUser Buyer, long DealId)> UsdtDealAsync(BotConversationHarness bot, string language)
    {
        var seller = await _data.UserAsync();
        var listingId = await _data.ListingAsync(seller, Price);
        var buyer = bot.NewUser(language);
        await buyer.SayAsync($"/start l{listingId}");
        var card = buyer.Messages()[^1];
        await buyer.PressDataAsync(TelegramUser.Buttons(card).Single(b => b.Data.StartsWith("buy:", StringComparison.Ordinal)).Data, card.MessageId);
        var dealId = await _data.ScalarAsync<long>("SELECT id FROM deals WHERE account_id = @listingId", new { listingId });
        return (buyer, dealId);
    }

    [GeneratedRegex("0x[0-9a-f]{40}(?![0-9a-f])")]
    private static partial Regex Address();
}
