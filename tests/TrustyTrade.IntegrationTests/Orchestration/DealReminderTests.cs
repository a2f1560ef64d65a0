using System.Globalization;
using TrustyTrade.Core.Deals;
using TrustyTrade.Core.Deals.Workflow;
using TrustyTrade.Core.Notifications;
using TrustyTrade.IntegrationTests.Infrastructure;

namespace TrustyTrade.IntegrationTests.Orchestration;

/// <summary>
/// The deal orchestration's deadline reminders in the in-process Durable test host, with a 12-second window and a
/// reminder 6 seconds before its end: the party who has to act is reminded once, before the deadline, and nobody is
/// reminded of a deadline the deal has left.
/// </summary>
[Collection(DatabaseCollectionDefinition.Name)]
public sealed class DealReminderTests(DatabaseFixture database) : IAsyncLifetime
{
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(12);
    private static readonly TimeSpan Lead = TimeSpan.FromSeconds(6);

    private DealWorkflowHarness _app = null!;

    public Task InitializeAsync() => database.ResetAsync();

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }

    [Theory]
    [InlineData(DealDeadlineKind.Payment, DealStatus.Expired)]
    [InlineData(DealDeadlineKind.Delivery, DealStatus.Refunded)]
    [InlineData(DealDeadlineKind.Inspection, DealStatus.Released)]
    public async Task Reminder_OfEachDeadline_ReachesThePartyWhoMustActBeforeTheDeadline(DealDeadlineKind kind, DealStatus closed)
    {
        _app = await DealWorkflowHarness.StartAsync(database, ShortWindow(kind));
        var (deal, seller, buyer) = await _app.BuyAsync();
        var waiting = await MoveToAsync(kind, deal, seller);

        var reminder = await ReminderAsync();
        var statusWhenReminded = await _app.StatusInDatabaseAsync(deal.Id);
        await _app.CompletionAsync(deal.Id);

        var expectedChat = await _app.TelegramIdAsync(kind == DealDeadlineKind.Delivery ? seller : buyer);
        Assert.Equal(
            (waiting.Status.ToName(), expectedChat, (DealDeadlineKind?)kind, (DateTimeOffset?)DealDeadline.Of(waiting)!.DueAt),
            (statusWhenReminded, reminder.ChatId, reminder.DeadlineKind, reminder.Deadline));
        Assert.Equal(closed.ToName(), await _app.StatusInDatabaseAsync(deal.Id));
    }

    [Fact]
    public async Task Reminder_DealMovesBeforeTheReminderTime_NobodyIsReminded()
    {
        _app = await DealWorkflowHarness.StartAsync(database, ShortWindow(DealDeadlineKind.Payment));
        var (deal, _, _) = await _app.BuyAsync();

        await _app.PayAsync(deal);
        await _app.StatusAsync(deal.Id, "paid");
        // Past the payment window, so well past the reminder's time (timers fire a second or two late here).
        var pastTheWindow = deal.PaymentDueAt + TimeSpan.FromSeconds(2) - DateTimeOffset.UtcNow;
        if (pastTheWindow > TimeSpan.Zero)
        {
            await Task.Delay(pastTheWindow);
        }

        Assert.Empty(await RemindersAsync());
    }

    [Fact]
    public async Task Reminder_SignalsAndReplaysAfterIt_SendNoSecondOne()
    {
        _app = await DealWorkflowHarness.StartAsync(database, ShortWindow(DealDeadlineKind.Delivery));
        var (deal, _, _) = await _app.BuyAsync();
        var paid = await _app.PayAsync(deal);

        await ReminderAsync();
        // Each signal replays the orchestration and reads the same version again before the deadline.
        await _app.Workflow.DealMovedAsync(deal.Id, "confirm_payment", paid.Status, paid.Version, CancellationToken.None);
        await _app.Workflow.DealMovedAsync(deal.Id, "confirm_payment", paid.Status, paid.Version, CancellationToken.None);
        await _app.CompletionAsync(deal.Id);

        Assert.Single(await RemindersAsync());
    }

    /// <summary>All windows long but the one of <paramref name="kind"/>, whose reminder is the only one due in the test.</summary>
    private static Dictionary<string, string?> ShortWindow(DealDeadlineKind kind)
    {
        var (window, reminder, minutes) = kind switch
        {
            DealDeadlineKind.Payment => ("Escrow:PaymentWindowMinutes", "DealWorkflow:PaymentReminderMinutes", true),
            DealDeadlineKind.Delivery => ("Escrow:DeliveryWindowHours", "DealWorkflow:DeliveryReminderHours", false),
            _ => ("Escrow:InspectionWindowHours", "DealWorkflow:InspectionReminderHours", false),
        };
        string In(TimeSpan span) => (minutes ? span.TotalMinutes : span.TotalHours).ToString("R", CultureInfo.InvariantCulture);
        return new() { [window] = In(Window), [reminder] = In(Lead) };
    }

    /// <summary>Takes the deal to the step that waits on <paramref name="kind"/>; returns it as stored there (to the microsecond).</summary>
    private async Task<Deal> MoveToAsync(DealDeadlineKind kind, Deal deal, long seller)
    {
        if (kind != DealDeadlineKind.Payment)
        {
            await _app.PayAsync(deal);
        }

        if (kind == DealDeadlineKind.Inspection)
        {
            await _app.ActAsync(deal.Id, Actor.User(seller), new DeliverAccount());
        }

        return await _app.Get<IDealWorkflowStore>().FindDealAsync(deal.Id, CancellationToken.None)
            ?? throw new InvalidOperationException("the deal is gone");
    }

    /// <summary>Waits for the (first) reminder on the harness's queue; it is due within the window.</summary>
    private async Task<Notification> ReminderAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            if ((await RemindersAsync()).FirstOrDefault() is { } reminder)
            {
                return reminder;
            }

            await Task.Delay(100, timeout.Token);
        }
    }

    private async Task<Notification[]> RemindersAsync() =>
        [.. (await _app.NotificationsAsync()).Where(n => n.Kind == NotificationKind.DeadlineApproaching)];
}
