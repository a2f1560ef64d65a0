using TrustyTrade.Core.Deals;
using TrustyTrade.Core.Deals.Workflow;
using TrustyTrade.Core.Monetary;
using TrustyTrade.Core.Notifications;
using TrustyTrade.Core.Tests.Deals;
using TrustyTrade.Core.Users;

namespace TrustyTrade.Core.Tests.Notifications;

public sealed class DealNotificationsTests
{
    private static readonly User Buyer = Person(DealBuilder.DefaultBuyerId, telegramId: 7001, "en");
    private static readonly User Seller = Person(DealBuilder.DefaultSellerId, telegramId: 7002, "ru");

    [Theory]
    [InlineData(DealStatus.Paid, NotificationKind.DealPaid, 2)]
    [InlineData(DealStatus.Delivered, NotificationKind.DealDelivered, 1)]
    [InlineData(DealStatus.Completed, NotificationKind.DealCompleted, 2)]
    [InlineData(DealStatus.Expired, NotificationKind.DealExpired, 2)]
    [InlineData(DealStatus.Refunded, NotificationKind.DealRefunded, 2)]
    [InlineData(DealStatus.Disputed, NotificationKind.DisputeOpened, 2)]
    public void For_AStatusPeopleHearOf_TellsTheRightKindToTheRightPeople(DealStatus status, NotificationKind kind, int people)
    {
        var sent = DealNotifications.For(DealBuilder.InStatus(status).Build(), Buyer, Seller, outcome: null);

        Assert.Equal(Enumerable.Repeat(kind, people), sent.Select(n => n.Kind));
    }

    [Fact]
    public void For_Delivered_TellsOnlyTheBuyerInTheBuyersLanguage()
    {
        var sent = Assert.Single(DealNotifications.For(DealBuilder.InStatus(DealStatus.Delivered).Build(), Buyer, Seller, outcome: null));

        Assert.Equal((7001L, "en"), (sent.ChatId, sent.Language));
    }

    [Fact]
    public void For_Completed_NamesWhatTheSellerGetsAfterTheFee()
    {
        var deal = DealBuilder.InStatus(DealStatus.Completed).InXtr(100m, 5m).Build();

        Assert.All(DealNotifications.For(deal, Buyer, Seller, outcome: null), n => Assert.Equal(new Money(95m, Currency.XTR), n.Amount));
    }

    [Fact]
    public void For_ResolvedDispute_CarriesTheOutcome()
    {
        var sent = DealNotifications.For(DealBuilder.InStatus(DealStatus.Resolved).Build(), Buyer, Seller, DisputeOutcome.Split);

        Assert.All(sent, n => Assert.Equal((NotificationKind.DisputeResolved, DisputeOutcome.Split), (n.Kind, n.Outcome)));
    }

    [Theory]
    [InlineData(DealStatus.AwaitingPayment)]
    [InlineData(DealStatus.Cancelled)]
    [InlineData(DealStatus.Released)]
    public void For_AStatusNobodyIsToldOf_TellsNobody(DealStatus status) =>
        Assert.Empty(DealNotifications.For(DealBuilder.InStatus(status).Build(), Buyer, Seller, outcome: null));

    [Fact]
    public void For_TheSameStepTwice_GivesTheSameIdsAndEveryOneIsSendable()
    {
        var deal = DealBuilder.InStatus(DealStatus.Paid).Build();

        var first = DealNotifications.For(deal, Buyer, Seller, outcome: null);

        Assert.Equal(first.Select(n => n.Id), DealNotifications.For(deal, Buyer, Seller, outcome: null).Select(n => n.Id));
        Assert.Equal(2, first.Select(n => n.Id).Distinct().Count());
        Assert.All(first, n => Assert.Null(n.Problem()));
    }

    [Fact]
    public void DeadlineApproaching_CarriesTheDeadlineAndItsKindToTheRecipientInTheirLanguage()
    {
        var paid = DealBuilder.InStatus(DealStatus.Paid).Build();
        var deadline = DealDeadline.Of(paid)!;

        var reminder = DealNotifications.DeadlineApproaching(paid, deadline, Seller);

        Assert.Equal(
            (NotificationKind.DeadlineApproaching, 7002L, "ru", paid.DeliveryDueAt, DealDeadlineKind.Delivery, (string?)null),
            (reminder.Kind, reminder.ChatId, reminder.Language, reminder.Deadline, reminder.DeadlineKind, reminder.Problem()));
    }

    [Fact]
    public void DeadlineApproaching_OfTheNextVersion_HasAnotherId()
    {
        var paid = DealBuilder.InStatus(DealStatus.Paid).Build();
        var deadline = DealDeadline.Of(paid)!;

        var first = DealNotifications.DeadlineApproaching(paid, deadline, Seller);
        var later = DealNotifications.DeadlineApproaching(paid with { Version = paid.Version + 1 }, deadline, Seller);

        Assert.NotEqual(first.Id, later.Id);
    }

    private static User Person(long id, long telegramId, string language) =>
        new(id, telegramId, null, language, UserRole.User, IsBanned: false, Rating: 0m, RatingsCount: 0, DateTimeOffset.UnixEpoch);
}
