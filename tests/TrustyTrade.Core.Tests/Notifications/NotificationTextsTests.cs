using TrustyTrade.Core.Deals;
using TrustyTrade.Core.Deals.Workflow;
using TrustyTrade.Core.Monetary;
using TrustyTrade.Core.Notifications;

namespace TrustyTrade.Core.Tests.Notifications;

public sealed class NotificationTextsTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 29, 10, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Due = new(2026, 12, 1, 12, 30, 0, TimeSpan.Zero);

    private static Notification Reminder(string language, DealDeadlineKind kind) =>
        new("r", 1, language, NotificationKind.DeadlineApproaching, DealId: 9, Deadline: Due, DeadlineKind: kind);

    private static Notification Paid(string language) =>
        new("deal-42-paid", 1001, language, NotificationKind.DealPaid, DealId: 42, Amount: new Money(150m, Currency.XTR));

    [Fact]
    public void Render_Russian_UsesTheRussianText() =>
        Assert.Equal("Сделка #42: оплата 150 XTR получена и удерживается TrustyTrade до завершения сделки.", NotificationTexts.Render(Paid("ru"), Now));

    [Fact]
    public void Render_English_UsesTheEnglishText() =>
        Assert.Equal("Deal #42: payment of 150 XTR received and held by TrustyTrade until the deal completes.", NotificationTexts.Render(Paid("en"), Now));

    [Theory]
    [InlineData("de")]
    [InlineData("")]
    public void Render_UnsupportedLanguage_FallsBackToRussian(string language) =>
        Assert.Equal(NotificationTexts.Render(Paid("ru"), Now), NotificationTexts.Render(Paid(language), Now));

    [Fact]
    public void Render_DisputeResolved_NamesTheOutcomeInTheUsersLanguage()
    {
        var resolved = new Notification("d", 1, "en", NotificationKind.DisputeResolved, DealId: 7, Outcome: DisputeOutcome.RefundToBuyer);

        Assert.Equal("The dispute on deal #7 is resolved: the money is refunded to the buyer.", NotificationTexts.Render(resolved, Now));
        Assert.Equal("Спор по сделке #7 решён: деньги возвращены покупателю.", NotificationTexts.Render(resolved with { Language = "ru" }, Now));
    }

    [Fact]
    public void Render_DeadlineApproachingWithoutItsKind_ShowsTheDeadlineInUtcAndTheTimeLeft()
    {
        var deadline = new DateTimeOffset(2026, 12, 1, 15, 30, 0, TimeSpan.FromHours(3));
        var notification = new Notification("d", 1, "en", NotificationKind.DeadlineApproaching, DealId: 9, Deadline: deadline);

        Assert.Equal("Deal #9: the deadline is in 2 hours (1 Dec 2026, 12:30 UTC). Take the next step in the bot before then.",
            NotificationTexts.Render(notification, deadline - TimeSpan.FromHours(2)));
    }

    [Fact]
    public void Render_PaymentReminder_TellsTheBuyerToPayInRussian() =>
        Assert.Equal(
            "Сделка #9: время на оплату истекает через 10 минут (01.12.2026 12:30 UTC). Оплатите сделку в боте, иначе она будет отменена.",
            NotificationTexts.Render(Reminder("ru", DealDeadlineKind.Payment), Due - TimeSpan.FromMinutes(10)));

    [Fact]
    public void Render_DeliveryReminder_TellsTheSellerToDeliverInEnglish() =>
        Assert.Equal(
            "Deal #9: your time to deliver the account runs out in 6 hours (1 Dec 2026, 12:30 UTC). "
            + "Deliver the account details in the bot, or the buyer will be refunded.",
            NotificationTexts.Render(Reminder("en", DealDeadlineKind.Delivery), Due - TimeSpan.FromHours(6)));

    [Fact]
    public void Render_InspectionReminder_TellsTheBuyerToConfirmOrDispute() =>
        Assert.Equal(
            "Сделка #9: время на проверку аккаунта истекает через 1 день (01.12.2026 12:30 UTC). "
            + "Подтвердите получение или откройте спор в боте; после этого сделка завершится сама и деньги получит продавец.",
            NotificationTexts.Render(Reminder("ru", DealDeadlineKind.Inspection), Due - TimeSpan.FromDays(1)));

    [Theory]
    [InlineData(DealDeadlineKind.Payment)]
    [InlineData(DealDeadlineKind.Delivery)]
    [InlineData(DealDeadlineKind.Inspection)]
    public void Render_EachReminderKind_HasItsOwnRussianAndEnglishText(DealDeadlineKind kind)
    {
        var now = Due - TimeSpan.FromMinutes(10);
        string[] texts =
        [
            NotificationTexts.Render(Reminder("ru", kind), now),
            NotificationTexts.Render(Reminder("en", kind), now),
            NotificationTexts.Render(Reminder("ru", kind) with { DeadlineKind = null }, now),
            NotificationTexts.Render(Reminder("en", kind) with { DeadlineKind = null }, now),
        ];

        Assert.Equal(texts.Length, texts.Distinct().Count());
    }

    [Theory]
    [InlineData(1, "через 1 минуту")]
    [InlineData(2, "через 2 минуты")]
    [InlineData(5, "через 5 минут")]
    [InlineData(9.99, "через 10 минут")]
    [InlineData(11, "через 11 минут")]
    [InlineData(21, "через 21 минуту")]
    [InlineData(90, "через 1 час 30 минут")]
    [InlineData(21 * 60, "через 21 час")]
    [InlineData(22 * 60, "через 22 часа")]
    [InlineData(30 * 60, "через 1 день 6 часов")]
    [InlineData(5 * 24 * 60, "через 5 дней")]
    [InlineData(0.4, "менее чем через минуту")]
    [InlineData(-3, "менее чем через минуту")]
    public void Render_TimeLeftInRussian_TakesTheRightPluralForm(double minutesLeft, string expected) =>
        Assert.Contains($" {expected} (", NotificationTexts.Render(Reminder("ru", DealDeadlineKind.Payment), Due - TimeSpan.FromMinutes(minutesLeft)),
            StringComparison.Ordinal);

    [Theory]
    [InlineData(1, "in 1 minute")]
    [InlineData(45, "in 45 minutes")]
    [InlineData(120, "in 2 hours")]
    [InlineData(25 * 60, "in 1 day 1 hour")]
    [InlineData(0.2, "in less than a minute")]
    public void Render_TimeLeftInEnglish_TakesTheRightPluralForm(double minutesLeft, string expected) =>
        Assert.Contains($" {expected} (", NotificationTexts.Render(Reminder("en", DealDeadlineKind.Payment), Due - TimeSpan.FromMinutes(minutesLeft)),
            StringComparison.Ordinal);

    [Fact]
    public void Render_AdminBroadcast_CarriesTheTextAsItIs()
    {
        var broadcast = new Notification("b-1", 1, "ru", NotificationKind.AdminBroadcast, Text: "Работы {0} в 03:00");

        Assert.Equal("Сообщение от TrustyTrade:\nРаботы {0} в 03:00", NotificationTexts.Render(broadcast, Now));
    }

    public static TheoryData<NotificationKind> AllKinds => [.. Enum.GetValues<NotificationKind>()];

    [Theory]
    [MemberData(nameof(AllKinds))]
    public void Render_EveryKind_HasDistinctRussianAndEnglishTexts(NotificationKind kind)
    {
        var notification = new Notification("x", 1, "ru", kind, DealId: 5, Amount: new Money(1m, Currency.USDT),
            Outcome: DisputeOutcome.Split, Deadline: DateTimeOffset.UnixEpoch, Text: "hi", ListingId: 8);

        var russian = NotificationTexts.Render(notification, Now);
        var english = NotificationTexts.Render(notification with { Language = "en" }, Now);

        Assert.NotEqual(russian, english);
    }

    [Fact]
    public void Render_ListingRejected_SaysWhichListingAndTheModeratorsReason()
    {
        var rejected = new Notification("l", 1, "en", NotificationKind.ListingRejected, Text: "the rank is not shown", ListingId: 12);

        Assert.Equal(
            "A moderator sent listing #12 back to your drafts. Reason: the rank is not shown\nFix the listing and submit it for review again.",
            NotificationTexts.Render(rejected, Now).ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Render_ListingRejectedWithoutAReason_ThrowsInvalidNotification() =>
        Assert.Throws<InvalidNotificationException>(() =>
            NotificationTexts.Render(new Notification("l", 1, "en", NotificationKind.ListingRejected, ListingId: 12), Now));

    [Fact]
    public void Render_MissingArgument_ThrowsInvalidNotification()
    {
        var noAmount = Paid("ru") with { Amount = null };

        var error = Assert.Throws<InvalidNotificationException>(() => NotificationTexts.Render(noAmount, Now));
        Assert.Contains("needs an amount", error.Message, StringComparison.Ordinal);
    }
}
