using TrustyTrade.Core.Deals;
using TrustyTrade.Core.Deals.Workflow;
using TrustyTrade.Core.Monetary;
using TrustyTrade.Core.Notifications;

namespace TrustyTrade.Core.Tests.Notifications;

public sealed class NotificationJsonTests
{
    [Fact]
    public void Deserialize_WhatSerializeWrote_IsTheSameNotification()
    {
        var notification = new Notification("deal-1-resolved", -100123, "en", NotificationKind.DisputeResolved,
            DealId: 1, Amount: new Money(2.5m, Currency.USDT), Outcome: DisputeOutcome.Split);

        Assert.Equal(notification, NotificationJson.Deserialize(NotificationJson.Serialize(notification)));
    }

    [Fact]
    public void Deserialize_AReminder_KeepsItsDeadlineAndItsKind()
    {
        var reminder = new Notification("deal-1-v1-DeadlineApproaching-2", 5, "ru", NotificationKind.DeadlineApproaching,
            DealId: 1, Deadline: new DateTimeOffset(2026, 12, 1, 12, 30, 0, TimeSpan.Zero), DeadlineKind: DealDeadlineKind.Inspection);

        Assert.Equal(reminder, NotificationJson.Deserialize(NotificationJson.Serialize(reminder)));
    }

    [Fact]
    public void Serialize_WritesKindsByName() =>
        Assert.Contains("\"kind\":\"DealExpired\"",
            NotificationJson.Serialize(new Notification("e", 1, "ru", NotificationKind.DealExpired, DealId: 3)), StringComparison.Ordinal);

    [Theory]
    [InlineData("not json")]
    [InlineData("null")]
    [InlineData("""{"id":"","chatId":1,"language":"ru","kind":"DealExpired","dealId":1}""")]
    [InlineData("""{"id":"a","chatId":1,"language":"ru","kind":"NoSuchKind","dealId":1}""")]
    [InlineData("""{"id":"a","chatId":1,"language":"ru","kind":"DealExpired"}""")]
    [InlineData("""{"id":"a","chatId":1,"language":"ru","kind":"DeadlineApproaching","dealId":1,"deadline":"2026-12-01T12:30:00Z","deadlineKind":9}""")]
    public void Deserialize_BadMessage_ThrowsInvalidNotification(string message) =>
        Assert.Throws<InvalidNotificationException>(() => NotificationJson.Deserialize(message));
}
