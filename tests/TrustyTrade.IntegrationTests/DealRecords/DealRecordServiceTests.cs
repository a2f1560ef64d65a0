using TrustyTrade.Core.DealRecords;
using TrustyTrade.Core.Deals;
using TrustyTrade.Core.Monetary;
using TrustyTrade.Core.Users;
using TrustyTrade.IntegrationTests.Infrastructure;

namespace TrustyTrade.IntegrationTests.DealRecords;

/// <summary>
/// DealRecordService over the real PostgreSQL: the buyer–seller chat, ratings and dispute evidence, on deals driven
/// through DealService.
/// </summary>
[Collection(DatabaseCollectionDefinition.Name)]
public sealed class DealRecordServiceTests(DatabaseFixture database, AppServicesFixture app) : IClassFixture<AppServicesFixture>, IAsyncLifetime
{
    private static readonly Money Price = new(100m, Currency.XTR);
    private static readonly Evidence Text = new(EvidenceKind.Text, "the password was changed an hour after delivery", null);

    private readonly TestData _data = new(database.DataSource);
    private readonly DealRecordService _records = app.Get<DealRecordService>();
    private readonly DealService _deals = app.Get<DealService>();

    public static TheoryData<string> InvalidBodies => new() { "", "   \n\t ", new string('m', 4001) };

    public Task InitializeAsync() => database.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task PostMessage_ByTheBuyer_IsAddressedToTheSeller()
    {
        var deal = await DealAsync(DealStatus.Paid);

        var (outcome, message) = await _records.PostMessageAsync(deal.Id, deal.BuyerId, "when will you deliver?", sourceKey: null, CancellationToken.None);

        Assert.Equal((DealRecordOutcome.Done, deal.SellerId), (outcome, message?.RecipientId));
    }

    [Fact]
    public async Task PostMessage_ByTheSeller_IsAddressedToTheBuyer()
    {
        var deal = await DealAsync(DealStatus.Paid);

        var (outcome, message) = await _records.PostMessageAsync(deal.Id, deal.SellerId, "in ten minutes", sourceKey: null, CancellationToken.None);

        Assert.Equal((DealRecordOutcome.Done, deal.BuyerId), (outcome, message?.RecipientId));
    }

    [Fact]
    public async Task PostMessage_BeforePayment_IsAllowed()
    {
        var deal = await DealAsync(DealStatus.AwaitingPayment);

        var (outcome, _) = await _records.PostMessageAsync(deal.Id, deal.BuyerId, "is the e-mail included?", sourceKey: null, CancellationToken.None);

        Assert.Equal(DealRecordOutcome.Done, outcome);
    }

    [Fact]
    public async Task PostMessage_IsStoredTrimmedWithTheClocksTime()
    {
        var deal = await DealAsync(DealStatus.Paid);

        var (_, message) = await _records.PostMessageAsync(deal.Id, deal.BuyerId, "  hello  ", sourceKey: null, CancellationToken.None);

        Assert.Equal(
            new DealMessage(message!.Id, deal.Id, deal.BuyerId, deal.SellerId, "hello", app.Time.GetUtcNow()),
            Assert.Single((await _records.ListMessagesAsync(deal.Id, Actor.User(deal.BuyerId), CancellationToken.None)).Messages));
    }

    [Fact]
    public async Task PostMessage_ByAStranger_IsRefusedAsNotAParty()
    {
        var deal = await DealAsync(DealStatus.Paid);
        var stranger = await _data.UserAsync();

        var (outcome, _) = await _records.PostMessageAsync(deal.Id, stranger, "hi", sourceKey: null, CancellationToken.None);

        Assert.Equal(DealRecordOutcome.NotAParty, outcome);
    }

    [Fact]
    public async Task PostMessage_ByAnAdmin_IsRefusedAsNotAParty()
    {
        var deal = await DealAsync(DealStatus.Paid);
        var admin = await _data.UserAsync(role: "admin");

        var (outcome, _) = await _records.PostMessageAsync(deal.Id, admin, "hi", sourceKey: null, CancellationToken.None);

        Assert.Equal(DealRecordOutcome.NotAParty, outcome);
    }

    [Theory]
    [MemberData(nameof(InvalidBodies))]
    public async Task PostMessage_EmptyOrTooLong_IsRefusedAsInvalidAndStoresNothing(string body)
    {
        var deal = await DealAsync(DealStatus.Paid);

        var (outcome, _) = await _records.PostMessageAsync(deal.Id, deal.BuyerId, body, sourceKey: null, CancellationToken.None);

        Assert.Equal((DealRecordOutcome.Invalid, 0L), (outcome, await _data.ScalarAsync<long>("SELECT count(*) FROM deal_messages")));
    }

    [Fact]
    public async Task PostMessage_OfTheLongestLength_IsStored()
    {
        var deal = await DealAsync(DealStatus.Paid);

        var (outcome, _) = await _records.PostMessageAsync(deal.Id, deal.BuyerId, new string('m', 4000), sourceKey: null, CancellationToken.None);

        Assert.Equal(DealRecordOutcome.Done, outcome);
    }

    [Fact]
    public async Task PostMessage_ToAnUnknownDeal_IsRefusedAsDealNotFound()
    {
        var user = await _data.UserAsync();

        var (outcome, _) = await _records.PostMessageAsync(987654, user, "hi", sourceKey: null, CancellationToken.None);

        Assert.Equal(DealRecordOutcome.DealNotFound, outcome);
    }

    [Fact]
    public async Task PostMessage_OnACancelledDeal_IsRefusedAsNotAllowedInStatus()
    {
        var deal = await DealAsync(DealStatus.AwaitingPayment);
        await _deals.ExecuteAsync(new(new("test:cancel"), new ActOnDeal(deal.Id, Actor.User(deal.BuyerId), new CancelDeal())), CancellationToken.None);

        var (outcome, _) = await _records.PostMessageAsync(deal.Id, deal.BuyerId, "hi", sourceKey: null, CancellationToken.None);

        Assert.Equal(DealRecordOutcome.NotAllowedInStatus, outcome);
    }

    [Fact]
    public async Task ListMessages_ForAParty_ReturnsTheChatInOrder()
    {
        var deal = await ChattedDealAsync();

        var (_, messages) = await _records.ListMessagesAsync(deal.Id, Actor.User(deal.SellerId), CancellationToken.None);

        Assert.Equal(
            [(deal.BuyerId, deal.SellerId, "first"), (deal.SellerId, deal.BuyerId, "second"), (deal.BuyerId, deal.SellerId, "third")],
            messages.Select(m => (m.SenderId, m.RecipientId, m.Body)));
    }

    [Fact]
    public async Task ListMessages_ForAnAdmin_ReturnsTheChat()
    {
        var deal = await ChattedDealAsync();
        var admin = await _data.UserAsync(role: "admin");

        var (_, messages) = await _records.ListMessagesAsync(deal.Id, Actor.Admin(admin), CancellationToken.None);

        Assert.Equal(["first", "second", "third"], messages.Select(m => m.Body));
    }

    [Fact]
    public async Task ListMessages_ForAStranger_IsRefusedAsNotAPartyAndShowsNothing()
    {
        var deal = await ChattedDealAsync();
        var stranger = await _data.UserAsync();

        var (outcome, messages) = await _records.ListMessagesAsync(deal.Id, Actor.User(stranger), CancellationToken.None);

        Assert.Equal((DealRecordOutcome.NotAParty, 0), (outcome, messages.Count));
    }

    [Fact]
    public async Task ListMessages_ForABannedAdmin_IsRefusedAsNotAParty()
    {
        var deal = await ChattedDealAsync();
        var admin = await _data.UserAsync(role: "admin", banned: true);

        var (outcome, _) = await _records.ListMessagesAsync(deal.Id, Actor.Admin(admin), CancellationToken.None);

        Assert.Equal(DealRecordOutcome.NotAParty, outcome);
    }

    [Fact]
    public async Task ListMessages_OfAnotherDeal_AreNotMixedIn()
    {
        var deal = await ChattedDealAsync();
        var other = await DealAsync(DealStatus.Paid);
        await _records.PostMessageAsync(other.Id, other.BuyerId, "elsewhere", sourceKey: null, CancellationToken.None);

        var (_, messages) = await _records.ListMessagesAsync(deal.Id, Actor.User(deal.BuyerId), CancellationToken.None);

        Assert.DoesNotContain(messages, m => m.Body == "elsewhere");
    }

    [Fact]
    public async Task Rate_AfterCompletion_IsDone()
    {
        var deal = await DealAsync(DealStatus.Completed);

        Assert.Equal(DealRecordOutcome.Done, await _records.RateAsync(deal.Id, deal.BuyerId, 5, "fast and honest", CancellationToken.None));
    }

    [Theory]
    [InlineData(DealStatus.AwaitingPayment)]
    [InlineData(DealStatus.Paid)]
    [InlineData(DealStatus.Delivered)]
    [InlineData(DealStatus.Disputed)]
    public async Task Rate_BeforeCompletion_IsRefusedAsNotAllowedInStatus(DealStatus status)
    {
        var deal = await DealAsync(status);

        Assert.Equal(DealRecordOutcome.NotAllowedInStatus, await _records.RateAsync(deal.Id, deal.BuyerId, 5, null, CancellationToken.None));
    }

    [Fact]
    public async Task Rate_ASecondTimeBySameSide_IsRefusedAsAlreadyRatedAndCountsOnce()
    {
        var deal = await DealAsync(DealStatus.Completed);
        await _records.RateAsync(deal.Id, deal.BuyerId, 5, null, CancellationToken.None);

        var again = await _records.RateAsync(deal.Id, deal.BuyerId, 1, null, CancellationToken.None);

        Assert.Equal((DealRecordOutcome.AlreadyRated, 5.00m, 1), (again, await RatingAsync(deal.SellerId), await RatingsCountAsync(deal.SellerId)));
    }

    [Fact]
    public async Task Rate_BothSides_AreEachDoneAndRateTheOtherParty()
    {
        var deal = await DealAsync(DealStatus.Completed);

        var byBuyer = await _records.RateAsync(deal.Id, deal.BuyerId, 5, null, CancellationToken.None);
        var bySeller = await _records.RateAsync(deal.Id, deal.SellerId, 3, "paid late", CancellationToken.None);

        Assert.Equal(
            (DealRecordOutcome.Done, DealRecordOutcome.Done, 5.00m, 3.00m),
            (byBuyer, bySeller, await RatingAsync(deal.SellerId), await RatingAsync(deal.BuyerId)));
    }

    [Fact]
    public async Task Rate_TwoDealsOfOneSeller_RatingIsTheMeanAndCountIsTwo()
    {
        var seller = await _data.UserAsync();
        var first = await DealAsync(DealStatus.Completed, seller);
        var second = await DealAsync(DealStatus.Completed, seller);

        await _records.RateAsync(first.Id, first.BuyerId, 5, null, CancellationToken.None);
        await _records.RateAsync(second.Id, second.BuyerId, 4, null, CancellationToken.None);

        Assert.Equal((4.50m, 2), (await RatingAsync(seller), await RatingsCountAsync(seller)));
    }

    [Fact]
    public async Task Rate_ThreeRatings_MeanIsRoundedToTwoDecimals()
    {
        var seller = await _data.UserAsync();
        int[] scores = [5, 4, 4];
        foreach (var score in scores)
        {
            var deal = await DealAsync(DealStatus.Completed, seller);
            await _records.RateAsync(deal.Id, deal.BuyerId, score, null, CancellationToken.None);
        }

        Assert.Equal(4.33m, await RatingAsync(seller));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(6)]
    [InlineData(-1)]
    public async Task Rate_ScoreOutsideOneToFive_IsRefusedAsInvalid(int score)
    {
        var deal = await DealAsync(DealStatus.Completed);

        Assert.Equal(DealRecordOutcome.Invalid, await _records.RateAsync(deal.Id, deal.BuyerId, score, null, CancellationToken.None));
    }

    [Fact]
    public async Task Rate_WithACommentLongerThan500Characters_IsRefusedAsInvalid()
    {
        var deal = await DealAsync(DealStatus.Completed);

        Assert.Equal(DealRecordOutcome.Invalid, await _records.RateAsync(deal.Id, deal.BuyerId, 5, new string('c', 501), CancellationToken.None));
    }

    [Fact]
    public async Task Rate_ByAStranger_IsRefusedAsNotAParty()
    {
        var deal = await DealAsync(DealStatus.Completed);
        var stranger = await _data.UserAsync();

        Assert.Equal(DealRecordOutcome.NotAParty, await _records.RateAsync(deal.Id, stranger, 5, null, CancellationToken.None));
    }

    [Fact]
    public async Task Rate_ThirtyTwoDealsOfOneSellerConcurrently_RatingAndCountAreExact()
    {
        var seller = await _data.UserAsync();
        var deals = new List<Deal>();
        for (var i = 0; i < 32; i++)
        {
            deals.Add(await DealAsync(DealStatus.Completed, seller));
        }

        var outcomes = await Task.WhenAll(deals.Select((deal, i) => Task.Run(() =>
            _records.RateAsync(deal.Id, deal.BuyerId, (i % 5) + 1, null, CancellationToken.None))));

        var expectedMean = decimal.Round(deals.Select((_, i) => (decimal)((i % 5) + 1)).Average(), 2, MidpointRounding.AwayFromZero);
        Assert.All(outcomes, o => Assert.Equal(DealRecordOutcome.Done, o));
        Assert.Equal((expectedMean, 32), (await RatingAsync(seller), await RatingsCountAsync(seller)));
    }

    [Fact]
    public async Task AddEvidence_ByTheBuyerDuringADispute_IsDoneAndStored()
    {
        var deal = await DealAsync(DealStatus.Disputed);

        var outcome = await _records.AddEvidenceAsync(deal.Id, deal.BuyerId, Text, CancellationToken.None);

        Assert.Equal((DealRecordOutcome.Done, 1L), (outcome, await EvidenceCountAsync(deal.Id)));
    }

    [Fact]
    public async Task AddEvidence_ByTheSellerDuringADispute_IsDone()
    {
        var deal = await DealAsync(DealStatus.Disputed);

        Assert.Equal(DealRecordOutcome.Done, await _records.AddEvidenceAsync(deal.Id, deal.SellerId, Text, CancellationToken.None));
    }

    [Fact]
    public async Task AddEvidence_ByAnAdminDuringADispute_IsDone()
    {
        var deal = await DealAsync(DealStatus.Disputed);
        var admin = await _data.UserAsync(role: "admin");

        Assert.Equal(DealRecordOutcome.Done, await _records.AddEvidenceAsync(deal.Id, admin, Text, CancellationToken.None));
    }

    [Fact]
    public async Task AddEvidence_PhotoWithAFileId_IsDone()
    {
        var deal = await DealAsync(DealStatus.Disputed);

        var outcome = await _records.AddEvidenceAsync(
            deal.Id, deal.BuyerId, new Evidence(EvidenceKind.Photo, "login screen", "AgACAgIAAxkBAAIB"), CancellationToken.None);

        Assert.Equal(DealRecordOutcome.Done, outcome);
    }

    [Fact]
    public async Task AddEvidence_DocumentWithAFileIdAndNoCaption_IsDone()
    {
        var deal = await DealAsync(DealStatus.Disputed);

        var outcome = await _records.AddEvidenceAsync(
            deal.Id, deal.SellerId, new Evidence(EvidenceKind.Document, null, "BQACAgIAAxkBAAIC"), CancellationToken.None);

        Assert.Equal(DealRecordOutcome.Done, outcome);
    }

    [Theory]
    [InlineData(EvidenceKind.Photo, "a caption", null)]
    [InlineData(EvidenceKind.Photo, "a caption", "  ")]
    [InlineData(EvidenceKind.Document, null, "")]
    [InlineData(EvidenceKind.Text, null, "AgACAgIAAxkBAAIB")]
    [InlineData(EvidenceKind.Text, " ", null)]
    public async Task AddEvidence_WithoutItsContent_IsRefusedAsInvalid(EvidenceKind kind, string? body, string? fileId)
    {
        var deal = await DealAsync(DealStatus.Disputed);

        var outcome = await _records.AddEvidenceAsync(deal.Id, deal.BuyerId, new Evidence(kind, body, fileId), CancellationToken.None);

        Assert.Equal((DealRecordOutcome.Invalid, 0L), (outcome, await EvidenceCountAsync(deal.Id)));
    }

    [Fact]
    public async Task AddEvidence_PhotoWithAFileIdLongerThan200Characters_IsRefusedAsInvalid()
    {
        var deal = await DealAsync(DealStatus.Disputed);

        var outcome = await _records.AddEvidenceAsync(
            deal.Id, deal.BuyerId, new Evidence(EvidenceKind.Photo, null, new string('f', 201)), CancellationToken.None);

        Assert.Equal(DealRecordOutcome.Invalid, outcome);
    }

    [Fact]
    public async Task AddEvidence_ByAStranger_IsRefusedAsNotAParty()
    {
        var deal = await DealAsync(DealStatus.Disputed);
        var stranger = await _data.UserAsync();

        var outcome = await _records.AddEvidenceAsync(deal.Id, stranger, Text, CancellationToken.None);

        Assert.Equal((DealRecordOutcome.NotAParty, 0L), (outcome, await EvidenceCountAsync(deal.Id)));
    }

    [Theory]
    [InlineData(DealStatus.Paid)]
    [InlineData(DealStatus.Delivered)]
    [InlineData(DealStatus.Completed)]
    public async Task AddEvidence_WithoutADispute_IsRefusedAsNoOpenDispute(DealStatus status)
    {
        var deal = await DealAsync(status);

        Assert.Equal(DealRecordOutcome.NoOpenDispute, await _records.AddEvidenceAsync(deal.Id, deal.BuyerId, Text, CancellationToken.None));
    }

    [Fact]
    public async Task AddEvidence_AfterTheDisputeWasResolved_IsRefusedAsNoOpenDispute()
    {
        var deal = await DealAsync(DealStatus.Disputed);
        var admin = await _data.UserAsync(role: "admin");
        var resolved = await _deals.ExecuteAsync(
            new(new("test:resolve"), new ActOnDeal(deal.Id, Actor.Admin(admin), new ResolveDispute(DisputeOutcome.RefundToBuyer, null, "not as described"))),
            CancellationToken.None);
        Assert.True(resolved.Succeeded, $"resolve refused: {resolved.Refusal}");

        Assert.Equal(DealRecordOutcome.NoOpenDispute, await _records.AddEvidenceAsync(deal.Id, deal.BuyerId, Text, CancellationToken.None));
    }

    [Fact]
    public async Task AddEvidence_ToAnUnknownDeal_IsRefusedAsDealNotFound()
    {
        var user = await _data.UserAsync();

        Assert.Equal(DealRecordOutcome.DealNotFound, await _records.AddEvidenceAsync(987654, user, Text, CancellationToken.None));
    }

    /// <summary>A deal between a fresh buyer and <paramref name="seller"/> (or a fresh seller), driven to <paramref name="status"/>.</summary>
    private async Task<Deal> DealAsync(DealStatus status, long? seller = null)
    {
        var sellerId = seller ?? await _data.UserAsync();
        var buyer = await _data.UserAsync();
        var listing = await _data.ListingAsync(sellerId, Price);
        return await TestData.DriveAsync(_deals, await TestData.BuyAsync(_deals, listing, buyer), status);
    }

    private async Task<Deal> ChattedDealAsync()
    {
        var deal = await DealAsync(DealStatus.Paid);
        await _records.PostMessageAsync(deal.Id, deal.BuyerId, "first", sourceKey: null, CancellationToken.None);
        await _records.PostMessageAsync(deal.Id, deal.SellerId, "second", sourceKey: null, CancellationToken.None);
        await _records.PostMessageAsync(deal.Id, deal.BuyerId, "third", sourceKey: null, CancellationToken.None);
        return deal;
    }

    private async Task<decimal> RatingAsync(long userId) =>
        (await app.Get<UserService>().FindAsync(userId, CancellationToken.None))!.Rating;

    private async Task<int> RatingsCountAsync(long userId) =>
        (await app.Get<UserService>().FindAsync(userId, CancellationToken.None))!.RatingsCount;

    private Task<long> EvidenceCountAsync(long dealId) =>
        _data.ScalarAsync<long>("SELECT count(*) FROM dispute_evidence e JOIN disputes d ON d.id = e.dispute_id WHERE d.deal_id = @dealId", new { dealId });
}
