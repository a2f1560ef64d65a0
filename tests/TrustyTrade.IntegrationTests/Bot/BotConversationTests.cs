using TrustyTrade.Core.Listings;
using TrustyTrade.IntegrationTests.Infrastructure;

namespace TrustyTrade.IntegrationTests.Bot;

/// <summary>
/// Whole conversations through the webhook and the update function, over real PostgreSQL, Redis, Azurite and the
/// Durable test host, with the Bot API faked over HTTP: what people see and what it changes.
/// </summary>
[Collection(DatabaseCollectionDefinition.Name)]
public sealed class BotConversationTests(DatabaseFixture database) : IAsyncLifetime
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
    public async Task BuyerAndSeller_GoFromListingToACompletedDeal(string languageCode)
    {
        var seller = _bot.NewUser(languageCode);
        var buyer = _bot.NewUser(languageCode);
        var listingId = await _bot.PublishAsync(seller, credentials: "login: hero@example.com / pass: s3cret-42", price: "150");
        await _bot.ApproveAsync(listingId);

        await buyer.SayAsync($"/start l{listingId}");
        Assert.Contains(buyer.T("BtnBuy", "150 ⭐"), TelegramUser.Buttons(buyer.Messages()[^1]).Select(b => b.Text));
        await buyer.PressAsync(buyer.T("BtnBuy", "150 ⭐"));
        var dealId = await _data.ScalarAsync<long>("SELECT id FROM deals WHERE account_id = @listingId", new { listingId });
        Assert.Contains(buyer.T("DealStatus_AwaitingPayment"), buyer.LastText);

        await buyer.PressAsync(buyer.T("BtnPay", "150 ⭐"));
        var invoice = _bot.Fake.SingleCallTo("sendInvoice");
        Assert.Equal(("XTR", $"deal:{dealId}"), (invoice.Text("currency"), invoice.Text("payload")));
        Assert.Equal(150, invoice.Parameter("prices")!.Value[0].GetProperty("amount").GetInt64());

        await buyer.PreCheckoutAsync(150, $"deal:{dealId}", "pcq-1");
        Assert.True(_bot.Fake.SingleCallTo("answerPreCheckoutQuery").Parameter("ok")!.Value.GetBoolean());
        await buyer.PayAsync(150, $"deal:{dealId}", $"charge-{dealId}");
        Assert.True(buyer.WasTold(buyer.T("PaymentReceived", dealId, "150 ⭐")));
        // The listing had stored credentials: the platform delivered as soon as the money arrived.
        Assert.Equal("delivered", await StatusAsync(dealId));

        await buyer.OpenDealAsync(dealId);
        await buyer.PressAsync(buyer.T("BtnShowCredentials"));
        Assert.Contains("hero@example.com / pass: s3cret-42", buyer.LastText);
        await buyer.PressAsync(buyer.T("BtnConfirm"));
        Assert.Equal("completed", await StatusAsync(dealId));
        Assert.True(buyer.WasTold(buyer.T("DealStatus_Completed")));

        await buyer.PressAsync(buyer.T("BtnRate"));
        await buyer.PressAsync("★★★★★");
        await seller.OpenDealAsync(dealId);
        await seller.PressAsync(seller.T("BtnRate"));
        await seller.PressAsync("★★★★");
        Assert.Equal(2L, await _data.ScalarAsync<long>("SELECT count(*) FROM ratings WHERE deal_id = @dealId", new { dealId }));
        Assert.Equal(0L, await _bot.Workflow.UnbalancedPostingsAsync());
    }

    [Fact]
    public async Task SellerDeliversByTyping_TheMessageIsDeletedAndOnlyTheBuyerSeesTheCredentials()
    {
        var (seller, buyer, dealId) = await PaidDealAsync(credentials: null);

        await seller.OpenDealAsync(dealId);
        await seller.PressAsync(seller.T("BtnDeliver"));
        await seller.SayAsync("login: typed@example.com pass: hunter2");
        var typedMessage = seller.LastMessageId;

        Assert.Contains(_bot.Fake.CallsTo("deleteMessage"),
            c => c.Parameter("message_id")!.Value.GetInt64() == typedMessage && c.Parameter("chat_id")!.Value.GetInt64() == seller.Id);
        Assert.Equal("delivered", await StatusAsync(dealId));
        var stored = await _data.ScalarAsync<byte[]>("SELECT a.credentials FROM accounts a JOIN deals d ON d.account_id = a.id WHERE d.id = @dealId", new { dealId });
        Assert.DoesNotContain("hunter2", System.Text.Encoding.UTF8.GetString(stored), StringComparison.Ordinal);
        Assert.False(seller.WasTold("hunter2"));

        await buyer.OpenDealAsync(dealId);
        await buyer.PressAsync(buyer.T("BtnShowCredentials"));
        Assert.Contains("hunter2", buyer.LastText);
    }

    [Fact]
    public async Task BuyerOpensADisputeFromTheChat_TheSellerGetsTheMessageWithoutUsernamesAndTheDealIsDisputed()
    {
        var (seller, buyer, dealId) = await PaidDealAsync(credentials: null);

        await buyer.OpenDealAsync(dealId);
        await buyer.PressAsync(buyer.T("BtnChat"));
        await buyer.SayAsync("Где аккаунт? Прошло уже много времени.");
        Assert.True(seller.WasTold("Где аккаунт? Прошло уже много времени."));
        Assert.False(seller.WasTold(buyer.Username));
        await buyer.PressAsync(buyer.T("BtnDispute"));
        await buyer.SayAsync("Продавец не отвечает и не передаёт аккаунт");

        Assert.Equal("disputed", await StatusAsync(dealId));
        Assert.Equal("Продавец не отвечает и не передаёт аккаунт",
            await _data.ScalarAsync<string>("SELECT reason FROM disputes WHERE deal_id = @dealId", new { dealId }));
        Assert.Equal(1L, await _data.ScalarAsync<long>("SELECT count(*) FROM deal_messages WHERE deal_id = @dealId", new { dealId }));

        await buyer.PressAsync(buyer.T("BtnChat"));
        await buyer.SendPhotoAsync();
        Assert.Equal(1L, await _data.ScalarAsync<long>("SELECT count(*) FROM dispute_evidence WHERE telegram_file_id = 'AgACAgIAAx-photo'"));
    }

    [Fact]
    public async Task PreCheckoutForTheWrongAmount_IsRefusedInTheRequestAndTheDealStaysUnpaid()
    {
        var (_, buyer, listingId, card, buy) = await ListingCardAsync("en");
        await buyer.PressDataAsync(buy, card.MessageId);
        var dealId = await _data.ScalarAsync<long>("SELECT id FROM deals WHERE account_id = @listingId", new { listingId });

        var status = await buyer.PreCheckoutAsync(1, $"deal:{dealId}", "pcq-cheap");

        var answer = _bot.Fake.SingleCallTo("answerPreCheckoutQuery");
        Assert.Equal((200, false, buyer.T("PayRefused_WrongAmount")),
            (status, answer.Parameter("ok")!.Value.GetBoolean(), answer.Text("error_message")));
        Assert.Equal("awaiting_payment", await StatusAsync(dealId));
    }

    [Fact]
    public async Task ChatMessageRunAgainByTheQueue_IsKeptAndRelayedOnce()
    {
        var (seller, buyer, dealId) = await PaidDealAsync(credentials: null);
        await buyer.OpenDealAsync(dealId);
        await buyer.PressAsync(buyer.T("BtnChat"));
        var updateId = BotConversationHarness.NextId();
        var update = buyer.TextUpdate("Жду аккаунт", updateId);
        await _bot.SendAsync(update);

        await _bot.RunAgainAsync(updateId, update);

        Assert.Equal(1L, await _data.ScalarAsync<long>("SELECT count(*) FROM deal_messages WHERE deal_id = @dealId", new { dealId }));
        Assert.True(seller.WasTold("Жду аккаунт"));
    }

    [Fact]
    public async Task ChatToSomeoneWhoBlockedTheBot_IsKeptAndTheSenderIsTold()
    {
        var (seller, buyer, dealId) = await PaidDealAsync(credentials: null);
        _bot.Fake.FailChat(seller.Id, 403, "Forbidden: bot was blocked by the user");
        await buyer.OpenDealAsync(dealId);
        await buyer.PressAsync(buyer.T("BtnChat"));

        var status = await buyer.SayAsync("Вы тут?");

        Assert.Equal((200, buyer.T("ChatNotDelivered")), (status, buyer.LastText));
        Assert.Equal(1L, await _data.ScalarAsync<long>("SELECT count(*) FROM deal_messages WHERE deal_id = @dealId", new { dealId }));
    }

    [Fact]
    public async Task QueueMessageNotSealedByTheApp_IsSkippedNotActedOn()
    {
        var user = _bot.NewUser("ru");

        await _bot.RunQueueMessageAsync(user.TextUpdate("/start"));

        Assert.Empty(user.Messages());
    }

    [Fact]
    public async Task BannedBuyersPayment_IsStillApplied()
    {
        var (_, buyer, listingId, card, buy) = await ListingCardAsync();
        await buyer.PressDataAsync(buy, card.MessageId);
        var dealId = await _data.ScalarAsync<long>("SELECT id FROM deals WHERE account_id = @listingId", new { listingId });
        await _data.ScalarAsync<int>("UPDATE users SET is_banned = true WHERE telegram_id = @id RETURNING 1", new { id = buyer.Id });

        await buyer.PayAsync(100, $"deal:{dealId}", $"charge-banned-{dealId}");

        Assert.Equal("paid", await StatusAsync(dealId));
    }

    [Fact]
    public async Task LeavingADealChatByAButton_StopsRelayingTypedText()
    {
        var (seller, buyer, dealId) = await PaidDealAsync(credentials: null);
        await buyer.OpenDealAsync(dealId);
        await buyer.PressAsync(buyer.T("BtnChat"));
        await buyer.PressAsync(buyer.T("BtnCancel"));

        await buyer.SayAsync("это не для продавца");

        Assert.False(seller.WasTold("это не для продавца"));
        Assert.Equal(buyer.T("UseMenu"), buyer.LastText);
    }

    [Fact]
    public async Task SameUpdateThreeTimes_HasOneEffect()
    {
        var (_, buyer, listingId, card, buy) = await ListingCardAsync();
        var updateId = BotConversationHarness.NextId();

        int[] statuses = [await buyer.PressDataAsync(buy, card.MessageId, updateId), await buyer.PressDataAsync(buy, card.MessageId, updateId),
            await buyer.PressDataAsync(buy, card.MessageId, updateId)];

        Assert.Equal([200, 200, 200], statuses);
        Assert.Equal(1L, await _data.ScalarAsync<long>("SELECT count(*) FROM deals WHERE account_id = @listingId", new { listingId }));
    }

    [Fact]
    public async Task BuyDoubleClicked_OpensOneDealAndShowsItTwice()
    {
        var (_, buyer, listingId, card, buy) = await ListingCardAsync();

        await buyer.PressDataAsync(buy, card.MessageId);
        await buyer.PressDataAsync(buy, card.MessageId);

        Assert.Equal(1L, await _data.ScalarAsync<long>("SELECT count(*) FROM deals WHERE account_id = @listingId", new { listingId }));
        Assert.Contains(buyer.T("DealStatus_AwaitingPayment"), buyer.LastText);
    }

    [Fact]
    public async Task ForgedSecret_Is401AndNothingHappens()
    {
        var user = _bot.NewUser("ru");

        var status = await _bot.SendAsync(
            $$$"""{"update_id":{{{BotConversationHarness.NextId()}}},"message":{"message_id":1,"chat":{"id":{{{user.Id}}},"type":"private"},"from":{"id":{{{user.Id}}},"is_bot":false,"first_name":"X"},"text":"/start"}}""",
            secret: "forged-forged-forged-forged-forged-forged");

        Assert.Equal(401, status);
        Assert.Empty(user.Messages());
    }

    [Theory]
    [InlineData("{\"update_id\": 1, \"message\": {")]
    [InlineData("<xml/>")]
    [InlineData("{\"update_id\": 2, \"message\": {}, \"callback_query\": {}}")]
    public async Task MalformedBody_Is400NotAnError(string body) => Assert.Equal(400, await _bot.SendAsync(body));

    [Fact]
    public async Task UnknownCommand_IsAnsweredWithWhereToLook()
    {
        var user = _bot.NewUser("en");

        await user.SayAsync("/frobnicate");

        Assert.Equal(user.T("UnknownCommand"), user.LastText);
    }

    [Theory]
    [InlineData("сто рублей", "PriceNotANumber")]
    [InlineData("-5", "PriceOutOfRangeStars")]
    [InlineData("0", "PriceOutOfRangeStars")]
    [InlineData("12.5", "PriceOutOfRangeStars")]
    [InlineData("100000000000", "PriceOutOfRangeStars")]
    public async Task BadPrice_IsExplainedAndTheWizardWaitsForAGoodOne(string typed, string answerKey)
    {
        var seller = _bot.NewUser("ru");
        await BotConversationHarness.StartSellingAsync(seller, "Brawl Stars", "Аккаунт 30 lvl", "Описание");
        await seller.PressAsync(seller.T("CurrencyStars"));

        await seller.SayAsync(typed);
        Assert.Equal(seller.T(answerKey, "100000 ⭐"), seller.LastText);
        await seller.SayAsync("250");

        Assert.Contains(seller.T("BtnSkip"), TelegramUser.Buttons(seller.Messages()[^1]).Select(b => b.Text));
    }

    [Fact]
    public async Task OverLongTitle_IsRefusedWithTheLimit()
    {
        var seller = _bot.NewUser("ru");
        await seller.SayAsync("/sell");
        await seller.PressAsync("Brawl Stars");

        await seller.SayAsync(new string('x', ListingService.MaxTitleLength + 1));

        Assert.Equal(seller.T("TooLong", ListingService.MaxTitleLength), seller.LastText);
    }

    [Fact]
    public async Task PhotoWhereTextIsExpected_AsksForText()
    {
        var seller = _bot.NewUser("ru");
        await seller.SayAsync("/sell");
        await seller.PressAsync("Brawl Stars");

        await seller.SendPhotoAsync();

        Assert.Equal(seller.T("TextExpected"), seller.LastText);
    }

    [Fact]
    public async Task StaleButtonFromAnOldStep_IsRefusedAndChangesNothing()
    {
        var seller = _bot.NewUser("ru");
        var listingId = await _bot.PublishAsync(seller, credentials: null, price: "100");
        var gameStep = seller.Messages().Last(m => TelegramUser.Buttons(m).Any(b => b.Data == "sg:1"));

        await seller.PressDataAsync("sg:1", gameStep.MessageId);

        Assert.Equal(seller.T("StaleButton"), seller.LastToast);
        Assert.Equal(1L, await _data.ScalarAsync<long>("SELECT count(*) FROM accounts WHERE id >= @listingId", new { listingId }));
    }

    [Fact]
    public async Task BannedUser_IsToldAndCanNotSell()
    {
        var user = _bot.NewUser("en");
        await user.SayAsync("/start");
        await _data.ScalarAsync<int>("UPDATE users SET is_banned = true WHERE telegram_id = @id RETURNING 1", new { id = user.Id });

        await user.SayAsync("/sell");

        Assert.Equal(user.T("Banned"), user.LastText);
    }

    [Fact]
    public async Task SomeoneElsesDeal_IsRefusedAndUnchanged()
    {
        var (_, _, dealId) = await PaidDealAsync(credentials: null);
        var stranger = _bot.NewUser("ru");
        await stranger.SayAsync("/start");

        await stranger.PressDataAsync($"a:ref:{dealId}", stranger.Messages()[^1].MessageId);

        Assert.Equal(stranger.T("DealRefused_NotAParty"), stranger.LastToast);
        Assert.Equal("paid", await StatusAsync(dealId));
    }

    [Fact]
    public async Task LanguageSwitch_ChangesTheBotsLanguage()
    {
        var user = _bot.NewUser("ru");
        await user.SayAsync("/language");

        await user.PressAsync("🇬🇧 English");

        Assert.Equal(Core.Bot.BotTexts.Get("en", "Menu"), user.LastText);
        Assert.Equal("en", await _data.ScalarAsync<string>("SELECT language FROM users WHERE telegram_id = @id", new { id = user.Id }));
    }

    [Fact]
    public async Task Browse_PagesThroughAGamesListingsWithNextAndPrevious()
    {
        var seller = await _data.UserAsync();
        for (var i = 0; i < 7; i++)
        {
            await _data.ListingAsync(seller, new Core.Monetary.Money(100 + i, Core.Monetary.Currency.XTR), game: "Valorant");
        }

        var buyer = _bot.NewUser("en");
        await buyer.SayAsync("/browse");
        await buyer.PressAsync(buyer.T("BtnFilterGame"));
        await buyer.PressAsync("Valorant");
        await buyer.PressAsync(buyer.T("BtnShowResults"));
        var first = TelegramUser.Buttons(buyer.Messages()[^1]).Count(b => b.Data.StartsWith("v:", StringComparison.Ordinal));
        await buyer.PressAsync(buyer.T("BtnNext"));
        var second = TelegramUser.Buttons(buyer.Messages()[^1]).Count(b => b.Data.StartsWith("v:", StringComparison.Ordinal));
        await buyer.PressAsync(buyer.T("BtnPrevious"));

        Assert.Equal((5, 2), (first, second));
        Assert.Equal(buyer.T("SearchResults", 1), buyer.LastText);
    }

    /// <summary>A seller's approved 100 ⭐ listing, opened by a buyer from its deep link: the card and its Buy button's data.</summary>
    private async Task<(TelegramUser Seller, TelegramUser Buyer, long ListingId, TestSupport.ChatMessage Card, string Buy)> ListingCardAsync(
        string buyerLanguage = "ru", TelegramUser? seller = null, string? credentials = null)
    {
        seller ??= _bot.NewUser("ru");
        var buyer = _bot.NewUser(buyerLanguage);
        var listingId = await _bot.PublishAsync(seller, credentials, price: "100");
        await _bot.ApproveAsync(listingId);
        await buyer.SayAsync($"/start l{listingId}");
        var card = buyer.Messages()[^1];
        return (seller, buyer, listingId, card, TelegramUser.Buttons(card).Single(b => b.Data.StartsWith("buy:", StringComparison.Ordinal)).Data);
    }

    private async Task<(TelegramUser Seller, TelegramUser Buyer, long DealId)> PaidDealAsync(string? credentials)
    {
        var seller = _bot.NewUser("ru");
        var (_, buyer, listingId, card, buy) = await ListingCardAsync(seller: seller, credentials: credentials);
        await buyer.PressDataAsync(buy, card.MessageId);
        var dealId = await _data.ScalarAsync<long>("SELECT id FROM deals WHERE account_id = @listingId", new { listingId });
        await buyer.PayAsync(100, $"deal:{dealId}", $"charge-{dealId}");
        Assert.Equal("paid", await StatusAsync(dealId));
        return (seller, buyer, dealId);
    }

    private Task<string> StatusAsync(long dealId) =>
        _data.ScalarAsync<string>("SELECT escrow_status FROM deals WHERE id = @dealId", new { dealId });
}
