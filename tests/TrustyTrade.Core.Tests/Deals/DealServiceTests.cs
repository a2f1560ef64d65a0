using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using TrustyTrade.Core.Deals;
using TrustyTrade.Core.Idempotency;
using TrustyTrade.Core.Listings;
using TrustyTrade.Core.Monetary;
using TrustyTrade.Core.Users;

namespace TrustyTrade.Core.Tests.Deals;

/// <summary>DealService over the in-memory store: who may buy, idempotent replays, and what a refusal leaves behind.</summary>
public sealed class DealServiceTests : IDisposable
{
    private const long SellerId = 1;
    private const long BuyerId = 2;
    private const long AdminId = 3;
    private const long ListingId = 50;

    private static readonly Money Price = new(100m, Currency.XTR);

    private readonly FakeTimeProvider _time = new(DealBuilder.Start);
    private readonly InMemoryEscrowStore _store = new();
    private readonly DealService _service;

    public DealServiceTests()
    {
        _store.AddUser(SellerId);
        _store.AddUser(BuyerId);
        _store.AddUser(AdminId, UserRole.Admin);
        _store.AddListing(ListingId, SellerId, Price);
        _service = new DealService(_store, Options.Create(new EscrowOptions()), _time, NullLogger<DealService>.Instance);
    }

    public void Dispose() => _store.Dispose();

    [Fact]
    public async Task BuyAsync_OwnListing_IsOwnListing()
    {
        var result = await Buy(ListingId, SellerId);

        Assert.Equal(DealRefusalCode.OwnListing, result.Refusal?.Code);
    }

    [Fact]
    public async Task BuyAsync_BannedBuyer_IsUserBanned()
    {
        _store.AddUser(40, banned: true);

        var result = await Buy(ListingId, 40);

        Assert.Equal(DealRefusalCode.UserBanned, result.Refusal?.Code);
    }

    [Fact]
    public async Task BuyAsync_UnknownBuyer_IsUserNotFound()
    {
        var result = await Buy(ListingId, 404);

        Assert.Equal(DealRefusalCode.UserNotFound, result.Refusal?.Code);
    }

    [Theory]
    [InlineData(ListingStatus.Draft)]
    [InlineData(ListingStatus.PendingModeration)]
    [InlineData(ListingStatus.Reserved)]
    [InlineData(ListingStatus.Sold)]
    [InlineData(ListingStatus.Removed)]
    public async Task BuyAsync_ListingNotActive_IsListingUnavailable(ListingStatus status)
    {
        _store.AddListing(51, SellerId, Price, status);

        var result = await Buy(51, BuyerId);

        Assert.Equal(DealRefusalCode.ListingUnavailable, result.Refusal?.Code);
    }

    [Fact]
    public async Task BuyAsync_ListingOfABannedSeller_IsListingUnavailableAndReservesNothing()
    {
        _store.AddUser(42, banned: true);
        _store.AddListing(52, 42, Price);

        var result = await Buy(52, BuyerId);

        Assert.Equal((DealRefusalCode.ListingUnavailable, 0), (result.Refusal?.Code, _store.Deals.Count));
    }

    [Fact]
    public async Task BuyAsync_UnknownListing_IsListingUnavailable()
    {
        var result = await Buy(404, BuyerId);

        Assert.Equal(DealRefusalCode.ListingUnavailable, result.Refusal?.Code);
    }

    [Fact]
    public async Task BuyAsync_RefusedBuyer_CreatesNoDeal()
    {
        await Buy(ListingId, SellerId);

        Assert.Empty(_store.Deals);
    }

    [Fact]
    public async Task BuyAsync_ActiveListing_ReservesIt()
    {
        await Buy(ListingId, BuyerId);

        Assert.Equal(ListingStatus.Reserved, _store.FindListing(ListingId)!.Status);
    }

    [Fact]
    public async Task BuyAsync_ReservedListing_RefusesASecondBuyer()
    {
        _store.AddUser(41);
        await Buy(ListingId, BuyerId);

        var second = await Buy(ListingId, 41);

        Assert.Equal(DealRefusalCode.ListingUnavailable, second.Refusal?.Code);
    }

    [Fact]
    public async Task BuyAsync_ActiveListing_OpensADealAwaitingPaymentWithPolicysFeeAndDeadline()
    {
        var result = await Buy(ListingId, BuyerId);

        Assert.Equal(
            new Deal(result.Deal!.Id, SellerId, BuyerId, ListingId, DealStatus.AwaitingPayment, Price, new Money(5m, Currency.XTR),
                WarrantyDays: 5, Version: 0, DealBuilder.Start, DealBuilder.Start + TimeSpan.FromMinutes(30)),
            result.Deal);
    }

    [Fact]
    public async Task BuyAsync_GameWithItsOwnWarranty_TakesTheGamesWarrantyDays()
    {
        _store.SetWarrantyDays("Dota 2", 14);

        var result = await Buy(ListingId, BuyerId);

        Assert.Equal(14, result.Deal!.WarrantyDays);
    }

    [Fact]
    public async Task BuyAsync_SameKeyAgain_ReplaysTheFirstResult()
    {
        var first = await Buy(ListingId, BuyerId, "tg-update:1");

        var again = await Buy(ListingId, BuyerId, "tg-update:1");

        Assert.Equal(first with { Replayed = true }, again);
    }

    [Fact]
    public async Task BuyAsync_SameKeyFromAnotherBuyer_IsIdempotencyKeyReused()
    {
        _store.AddUser(41);
        await Buy(ListingId, BuyerId, "tg-update:1");

        var other = await Buy(ListingId, 41, "tg-update:1");

        Assert.Equal(DealRefusalCode.IdempotencyKeyReused, other.Refusal?.Code);
    }

    [Fact]
    public async Task BuyAsync_SameKeyOnAnotherListing_IsIdempotencyKeyReused()
    {
        _store.AddListing(52, SellerId, Price);
        await Buy(ListingId, BuyerId, "tg-update:1");

        var other = await Buy(52, BuyerId, "tg-update:1");

        Assert.Equal(DealRefusalCode.IdempotencyKeyReused, other.Refusal?.Code);
    }

    [Fact]
    public async Task ExecuteAsync_StrangerReplayingAKey_SeesNothingOfTheDeal()
    {
        var deal = await NewDealAsync();
        await Pay(deal, "stars-charge:1");

        var stranger = await Act(deal.Id, Actor.User(999), new ConfirmPayment(deal.Price, PaymentMethod.TelegramStars, "x"), "stars-charge:1");

        Assert.Equal(DealRefusalCode.NotAParty, stranger.Refusal?.Code);
    }

    [Fact]
    public async Task ExecuteAsync_AdminActingAsAdminOnTheirOwnDeal_IsNotAllowedForRole()
    {
        _store.AddListing(53, AdminId, Price);
        var deal = (await Buy(53, BuyerId)).Deal!;

        var result = await Act(deal.Id, Actor.Admin(AdminId), new CancelDeal());

        Assert.Equal(DealRefusalCode.NotAllowedForRole, result.Refusal?.Code);
    }

    [Fact]
    public async Task BuyAsync_SameKeyAfterTheListingWasFreedAgain_CreatesNoSecondDeal()
    {
        var first = await Buy(ListingId, BuyerId, "tg-update:1");
        await Act(first.Deal!.Id, Actor.User(BuyerId), new CancelDeal());

        await Buy(ListingId, BuyerId, "tg-update:1");

        Assert.Single(_store.Deals);
    }

    [Fact]
    public async Task ExecuteAsync_SamePaymentKeyAgain_ReplaysTheFirstResult()
    {
        var deal = await NewDealAsync();
        var first = await Pay(deal, "stars-charge:1");

        var again = await Pay(deal, "stars-charge:1");

        Assert.Equal(first with { Replayed = true }, again);
    }

    [Fact]
    public async Task ExecuteAsync_SamePaymentKeyAgain_PostsThePaymentOnce()
    {
        var deal = await NewDealAsync();
        await Pay(deal, "stars-charge:1");

        await Pay(deal, "stars-charge:1");

        Assert.Single(_store.Postings);
    }

    [Fact]
    public async Task ExecuteAsync_ReplayAfterTheDealMovedOn_ReturnsTheFirstResultNotTheCurrentDeal()
    {
        var deal = await NewDealAsync();
        await Pay(deal, "stars-charge:1");
        await Act(deal.Id, Actor.User(SellerId), new DeliverAccount(), "tg-update:2");

        var again = await Pay(deal, "stars-charge:1");

        Assert.Equal(DealStatus.Paid, again.Deal?.Status);
    }

    [Fact]
    public async Task ExecuteAsync_KeyOfAnotherCommandOnTheSameDeal_IsIdempotencyKeyReused()
    {
        var deal = await NewDealAsync();
        await Pay(deal, "key-1");

        var result = await Act(deal.Id, Actor.User(SellerId), new DeliverAccount(), "key-1");

        Assert.Equal(DealRefusalCode.IdempotencyKeyReused, result.Refusal?.Code);
    }

    [Fact]
    public async Task ExecuteAsync_KeyOfTheSameCommandOnAnotherDeal_IsIdempotencyKeyReused()
    {
        var deal = await NewDealAsync();
        _store.AddListing(51, SellerId, Price);
        var other = (await Buy(51, BuyerId)).Deal!;
        await Pay(deal, "key-1");

        var result = await Pay(other, "key-1");

        Assert.Equal(DealRefusalCode.IdempotencyKeyReused, result.Refusal?.Code);
    }

    [Fact]
    public async Task ExecuteAsync_KeyOfABuy_IsIdempotencyKeyReused()
    {
        var deal = (await Buy(ListingId, BuyerId, "key-1")).Deal!;

        var result = await Pay(deal, "key-1");

        Assert.Equal(DealRefusalCode.IdempotencyKeyReused, result.Refusal?.Code);
    }

    [Fact]
    public async Task BuyAsync_KeyOfADealCommand_IsIdempotencyKeyReused()
    {
        var deal = await NewDealAsync();
        _store.AddListing(51, SellerId, Price);
        await Pay(deal, "key-1");

        var result = await Buy(51, BuyerId, "key-1");

        Assert.Equal(DealRefusalCode.IdempotencyKeyReused, result.Refusal?.Code);
    }

    [Fact]
    public async Task ExecuteAsync_KeySavedMeanwhileForAnotherDeal_RetriesAndIsIdempotencyKeyReused()
    {
        var deal = await NewDealAsync();
        _store.SaveElsewhereBeforeNextSave(new IdempotencyKey("stars-charge:1"), new StoredCommandResult("confirm_payment", 999, "{}"));

        var result = await Pay(deal, "stars-charge:1");

        Assert.Equal(DealRefusalCode.IdempotencyKeyReused, result.Refusal?.Code);
    }

    [Fact]
    public async Task ExecuteAsync_KeySavedMeanwhileForAnotherDeal_KeepsNoneOfTheLosersEffects()
    {
        var deal = await NewDealAsync();
        _store.SaveElsewhereBeforeNextSave(new IdempotencyKey("stars-charge:1"), new StoredCommandResult("confirm_payment", 999, "{}"));

        await Pay(deal, "stars-charge:1");

        Assert.Equal((DealStatus.AwaitingPayment, 0), (_store.FindDeal(deal.Id)!.Status, _store.Postings.Count));
    }

    [Fact]
    public async Task ExecuteAsync_AdminActorWhoseUserIsNotAnAdmin_IsNotAllowedForRole()
    {
        var deal = await NewDealAsync();

        var result = await Act(deal.Id, Actor.Admin(BuyerId), new CancelDeal());

        Assert.Equal(DealRefusalCode.NotAllowedForRole, result.Refusal?.Code);
    }

    [Fact]
    public async Task ExecuteAsync_AdminActorWhoseUserIsBanned_IsNotAllowedForRole()
    {
        _store.AddUser(42, UserRole.Admin, banned: true);
        var deal = await NewDealAsync();

        var result = await Act(deal.Id, Actor.Admin(42), new CancelDeal());

        Assert.Equal(DealRefusalCode.NotAllowedForRole, result.Refusal?.Code);
    }

    [Fact]
    public async Task ExecuteAsync_AdminActorWithUnknownUser_IsNotAllowedForRole()
    {
        var deal = await NewDealAsync();

        var result = await Act(deal.Id, Actor.Admin(404), new CancelDeal());

        Assert.Equal(DealRefusalCode.NotAllowedForRole, result.Refusal?.Code);
    }

    [Fact]
    public async Task ExecuteAsync_RealAdmin_IsAccepted()
    {
        var deal = await NewDealAsync();

        var result = await Act(deal.Id, Actor.Admin(AdminId), new CancelDeal());

        Assert.Equal(DealStatus.Cancelled, result.Deal?.Status);
    }

    [Fact]
    public async Task ExecuteAsync_UnknownDeal_IsDealNotFound()
    {
        var result = await Act(404, Actor.System, new ExpireDeal());

        Assert.Equal(DealRefusalCode.DealNotFound, result.Refusal?.Code);
    }

    [Fact]
    public async Task ExecuteAsync_RefusedCommand_KeepsNoKey()
    {
        var deal = await NewDealAsync();
        var keysBefore = _store.StoredKeysCount;

        await Act(deal.Id, Actor.System, new ExpireDeal(), "timer:expire");

        Assert.Equal(keysBefore, _store.StoredKeysCount);
    }

    [Fact]
    public async Task ExecuteAsync_RetryOfARefusedCommandUnderItsKey_CanSucceedLater()
    {
        var deal = await NewDealAsync();
        await Act(deal.Id, Actor.System, new ExpireDeal(), "timer:expire");
        _time.Advance(TimeSpan.FromMinutes(30));

        var retry = await Act(deal.Id, Actor.System, new ExpireDeal(), "timer:expire");

        Assert.Equal((DealStatus.Expired, false), (retry.Deal?.Status, retry.Replayed));
    }

    [Fact]
    public async Task BuyAsync_RetryOfARefusedBuyUnderItsKey_CanSucceedLater()
    {
        _store.AddListing(51, SellerId, Price, ListingStatus.PendingModeration);
        await Buy(51, BuyerId, "tg-update:9");
        _store.AddListing(51, SellerId, Price, ListingStatus.Active);

        var retry = await Buy(51, BuyerId, "tg-update:9");

        Assert.Equal((DealStatus.AwaitingPayment, false), (retry.Deal?.Status, retry.Replayed));
    }

    [Fact]
    public async Task ExecuteAsync_RacingPaymentsUnderDifferentKeys_OnlyOneIsAccepted()
    {
        var deal = await NewDealAsync();

        var results = await Task.WhenAll(Enumerable.Range(0, 16).Select(i => Task.Run(() => Pay(deal, $"stars-charge:{i}"))));

        Assert.Single(results, r => r.Succeeded);
    }

    [Fact]
    public async Task ExecuteAsync_RacingDeliveriesOfOnePaymentKey_PostThePaymentOnce()
    {
        var deal = await NewDealAsync();

        await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Task.Run(() => Pay(deal, "stars-charge:1"))));

        Assert.Single(_store.Postings);
    }

    private async Task<Deal> NewDealAsync() => (await Buy(ListingId, BuyerId)).Deal!;

    private Task<DealResult> Buy(long listingId, long buyerId, string? key = null) =>
        _service.BuyAsync(
            new IdentifiedCommand<BuyListing>(new IdempotencyKey(key ?? $"buy:{Guid.NewGuid()}"), new BuyListing(listingId, buyerId)),
            CancellationToken.None);

    private Task<DealResult> Pay(Deal deal, string key) =>
        Act(deal.Id, Actor.System, new ConfirmPayment(deal.Price, PaymentMethod.TelegramStars, key), key);

    private Task<DealResult> Act(long dealId, Actor actor, DealCommand command, string? key = null) =>
        _service.ExecuteAsync(
            new IdentifiedCommand<ActOnDeal>(new IdempotencyKey(key ?? $"act:{Guid.NewGuid()}"), new ActOnDeal(dealId, actor, command)),
            CancellationToken.None);
}
