using TrustyTrade.Core.Deals;
using TrustyTrade.Core.Monetary;
using TrustyTrade.Core.Notifications;

namespace TrustyTrade.Core.Tests.Notifications;

public sealed class NotificationTextsTests
{
    private static Notification Paid(string language) =>
        new("deal-42-paid", 1001, language, NotificationKind.DealPaid, DealId: 42, Amount: new Money(150m, Currency.XTR));

    [Fact]
    public void Render_Russian_UsesTheRussianText() =>
        Assert.Equal("Сделка #42: оплата 150 XTR получена и удерживается TrustyTrade до завершения сделки.", NotificationTexts.Render(Paid("ru")));

    [Fact]
    public void Render_English_UsesTheEnglishText() =>
        Assert.Equal("Deal #42: payment of 150 XTR received and held by TrustyTrade until the deal completes.", NotificationTexts.Render(Paid("en")));

    [Theory]
    [InlineData("de")]
    [InlineData("")]
    public void Render_UnsupportedLanguage_FallsBackToRussian(string language) =>
        Assert.Equal(NotificationTexts.Render(Paid("ru")), NotificationTexts.Render(Paid(language)));

    [Fact]
    public void Render_DisputeResolved_NamesTheOutcomeInTheUsersLanguage()
    {
        var resolved = new Notification("d", 1, "en", NotificationKind.DisputeResolved, DealId: 7, Outcome: DisputeOutcome.RefundToBuyer);

        Assert.Equal("The dispute on deal #7 is resolved: the money is refunded to the buyer.", NotificationTexts.Render(resolved));
        Assert.Equal("Спор по сделке #7 решён: деньги возвращены покупателю.", NotificationTexts.Render(resolved with { Language = "ru" }));
    }

    [Fact]
    public void Render_DeadlineApproaching_ShowsTheDeadlineInUtc()
    {
        var deadline = new DateTimeOffset(2026, 12, 1, 15, 30, 0, TimeSpan.FromHours(3));
        var notification = new Notification("d", 1, "en", NotificationKind.DeadlineApproaching, DealId: 9, Deadline: deadline);

        Assert.Contains("2026-12-01 12:30 UTC", NotificationTexts.Render(notification), StringComparison.Ordinal);
    }

    [Fact]
    public void Render_AdminBroadcast_CarriesTheTextAsItIs()
    {
        var broadcast = new Notification("b-1", 1, "ru", NotificationKind.AdminBroadcast, Text: "Работы {0} в 03:00");

        Assert.Equal("Сообщение от TrustyTrade:\nРаботы {0} в 03:00", NotificationTexts.Render(broadcast));
    }

    public static TheoryData<NotificationKind> AllKinds => [.. Enum.GetValues<NotificationKind>()];

    [Theory]
    [MemberData(nameof(AllKinds))]
    public void Render_EveryKind_HasDistinctRussianAndEnglishTexts(NotificationKind kind)
    {
        var notification = new Notification("x", 1, "ru", kind, DealId: 5, Amount: new Money(1m, Currency.USDT),
            Outcome: DisputeOutcome.Split, Deadline: DateTimeOffset.UnixEpoch, Text: "hi");

        var russian = NotificationTexts.Render(notification);
        var english = NotificationTexts.Render(notification with { Language = "en" });

        Assert.NotEqual(russian, english);
    }

    [Fact]
    public void Render_MissingArgument_ThrowsInvalidNotification()
    {
        var noAmount = Paid("ru") with { Amount = null };

        var error = Assert.Throws<InvalidNotificationException>(() => NotificationTexts.Render(noAmount));
        Assert.Contains("needs an amount", error.Message, StringComparison.Ordinal);
    }
}
