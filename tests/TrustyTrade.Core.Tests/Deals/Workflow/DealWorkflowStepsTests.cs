using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using TrustyTrade.Core.Deals;
using TrustyTrade.Core.Deals.Workflow;
using TrustyTrade.Core.Notifications;
using TrustyTrade.Core.Tests.Notifications;
using TrustyTrade.Core.Tests.Users;

namespace TrustyTrade.Core.Tests.Deals.Workflow;

/// <summary>
/// The workflow's steps that tell people: the reminder (when the orchestration plans it, from the options, on the
/// activity's clock, and what it queues when its timer fires, or not, when the deal has moved on or the deadline has
/// passed), and the news of each version of the deal for its buyer and seller.
/// </summary>
public sealed class DealWorkflowStepsTests : IDisposable
{
    private const long BuyerChat = 9020;
    private const long SellerChat = 9010;

    private static readonly Deal Paid = DealBuilder.InStatus(DealStatus.Paid).Build();

    private readonly FakeTimeProvider _time = new(DealBuilder.LastEventAt(Paid));
    private readonly FakeDealWorkflowStore _store = new();
    private readonly RecordingPublisher _published = new();
    private readonly InMemoryEscrowStore _escrow = new();

    public void Dispose() => _escrow.Dispose();

    [Fact]
    public void RemindAt_TheStepsConfiguredLead_IsThatLongBeforeTheDeadline() =>
        Assert.Equal(Paid.DeliveryDueAt - TimeSpan.FromHours(2), Steps(new() { DeliveryReminderHours = 2 }).RemindAt(Paid));

    [Fact]
    public void RemindAt_DisabledReminder_IsNone() => Assert.Null(Steps(new() { DeliveryReminderHours = 0 }).RemindAt(Paid));

    [Fact]
    public void RemindAt_ReadLaterThanTheReminderTime_IsNone()
    {
        _time.SetUtcNow(Paid.DeliveryDueAt!.Value - TimeSpan.FromHours(1));

        Assert.Null(Steps().RemindAt(Paid));
    }

    [Fact]
    public async Task RemindAsync_DealStillWaitingOnTheDeadline_QueuesItsReminderForTheSeller()
    {
        _store.Deals.Add(Paid);
        _time.SetUtcNow(Paid.DeliveryDueAt!.Value - TimeSpan.FromHours(6));

        var queued = await Steps().RemindAsync(Paid.Id, DealDeadlineKind.Delivery, Paid.Version, CancellationToken.None);

        var reminder = Assert.Single(_published.Notifications);
        Assert.Equal(1, queued);
        Assert.Equal(
            (NotificationKind.DeadlineApproaching, SellerChat, DealDeadlineKind.Delivery, Paid.DeliveryDueAt),
            (reminder.Kind, reminder.ChatId, reminder.DeadlineKind, reminder.Deadline));
    }

    [Fact]
    public async Task RemindAsync_Twice_QueuesTheSameIdForTheSenderToSendOnce()
    {
        _store.Deals.Add(Paid);
        _time.SetUtcNow(Paid.DeliveryDueAt!.Value - TimeSpan.FromHours(6));

        await Steps().RemindAsync(Paid.Id, DealDeadlineKind.Delivery, Paid.Version, CancellationToken.None);
        await Steps().RemindAsync(Paid.Id, DealDeadlineKind.Delivery, Paid.Version, CancellationToken.None);

        Assert.Single(_published.Notifications.Select(n => n.Id).Distinct());
    }

    [Fact]
    public async Task RemindAsync_DealMovedOnSinceTheTimerWasSet_QueuesNothing()
    {
        var delivered = DealBuilder.InStatus(DealStatus.Delivered).Build();
        _store.Deals.Add(delivered);

        var queued = await Steps().RemindAsync(delivered.Id, DealDeadlineKind.Delivery, Paid.Version, CancellationToken.None);

        Assert.Equal(0, queued);
        Assert.Empty(_published.Notifications);
    }

    [Fact]
    public async Task RemindAsync_DeadlineAlreadyPassed_QueuesNothing()
    {
        _store.Deals.Add(Paid);
        _time.SetUtcNow(Paid.DeliveryDueAt!.Value + TimeSpan.FromSeconds(1));

        await Steps().RemindAsync(Paid.Id, DealDeadlineKind.Delivery, Paid.Version, CancellationToken.None);

        Assert.Empty(_published.Notifications);
    }

    [Fact]
    public async Task NotifyPartiesAsync_TwoStepsSinceTheLastToldVersion_TellsEachOfThem()
    {
        // Paid at one version and delivered at the next before the workflow read the deal: both are news.
        var delivered = DealBuilder.InStatus(DealStatus.Delivered).Build();
        _store.Deals.Add(delivered);
        var paidAt = delivered.Version - 1;
        _store.Statuses[delivered.Id] =
        [
            new(paidAt - 1, DealStatus.AwaitingPayment), new(paidAt, DealStatus.Paid), new(delivered.Version, DealStatus.Delivered),
        ];

        var queued = await Steps().NotifyPartiesAsync(delivered.Id, paidAt - 1, CancellationToken.None);

        Assert.Equal(3, queued);
        Assert.Equal(
            [
                ($"deal-{delivered.Id}-v{paidAt}-DealPaid-{DealBuilder.DefaultBuyerId}", BuyerChat),
                ($"deal-{delivered.Id}-v{paidAt}-DealPaid-{DealBuilder.DefaultSellerId}", SellerChat),
                ($"deal-{delivered.Id}-v{delivered.Version}-DealDelivered-{DealBuilder.DefaultBuyerId}", BuyerChat),
            ],
            _published.Notifications.Select(n => (n.Id, n.ChatId)));
    }

    [Fact]
    public async Task NotifyPartiesAsync_HistoryWithoutVersions_TellsTheDealAsItIsNow()
    {
        var delivered = DealBuilder.InStatus(DealStatus.Delivered).Build();
        _store.Deals.Add(delivered);

        await Steps().NotifyPartiesAsync(delivered.Id, delivered.Version - 2, CancellationToken.None);

        Assert.Equal(
            [(NotificationKind.DealDelivered, delivered.Version)],
            _published.Notifications.Select(n => (n.Kind, DealVersionOf(n))));
    }

    [Fact]
    public async Task NotifyPartiesAsync_VersionsNewerThanTheDealItRead_AreLeftForTheNextCall()
    {
        // The events table may already hold a step the deal row read a moment before did not show.
        _store.Deals.Add(Paid);
        _store.Statuses[Paid.Id] = [new(Paid.Version, DealStatus.Paid), new(Paid.Version + 1, DealStatus.Delivered)];

        await Steps().NotifyPartiesAsync(Paid.Id, Paid.Version - 1, CancellationToken.None);

        Assert.All(_published.Notifications, n => Assert.Equal(NotificationKind.DealPaid, n.Kind));
    }

    private static int DealVersionOf(Notification notification) =>
        int.Parse(notification.Id.Split('-')[2][1..], System.Globalization.CultureInfo.InvariantCulture);

    private DealWorkflowSteps Steps(DealWorkflowOptions? options = null) => new(
        new DealService(_escrow, Options.Create(new EscrowOptions()), _time, NullLogger<DealService>.Instance),
        _store,
        new FakeUserStore().Add(DealBuilder.DefaultBuyerId, BuyerChat).Add(DealBuilder.DefaultSellerId, SellerChat),
        _published,
        Options.Create(options ?? new DealWorkflowOptions()),
        _time,
        NullLogger<DealWorkflowSteps>.Instance);
}
