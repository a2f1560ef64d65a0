using System.Globalization;
using TrustyTrade.Core.Deals;
using TrustyTrade.Core.Deals.Workflow;
using TrustyTrade.Core.Users;

namespace TrustyTrade.Core.Notifications;

/// <summary>
/// What the buyer and the seller are told when a deal reaches a status. Each notification's id names the deal, the
/// version it describes and the person, so telling the same step twice (an activity run again) sends it once.
/// </summary>
public static class DealNotifications
{
    /// <summary>The notifications for <paramref name="deal"/> as it is now; <paramref name="outcome"/> for a resolved dispute.</summary>
    public static IReadOnlyList<Notification> For(Deal deal, User buyer, User seller, DisputeOutcome? outcome)
    {
        ArgumentNullException.ThrowIfNull(deal);
        ArgumentNullException.ThrowIfNull(buyer);
        ArgumentNullException.ThrowIfNull(seller);
        var both = new[] { buyer, seller };
        return deal.Status switch
        {
            DealStatus.Paid => To(both, NotificationKind.DealPaid, deal, deal.Price),
            DealStatus.Delivered => To([buyer], NotificationKind.DealDelivered, deal),
            DealStatus.Completed => To(both, NotificationKind.DealCompleted, deal, deal.Price - deal.Fee),
            DealStatus.Expired => To(both, NotificationKind.DealExpired, deal),
            DealStatus.Refunded => To(both, NotificationKind.DealRefunded, deal, deal.Price),
            DealStatus.Disputed => To(both, NotificationKind.DisputeOpened, deal),
            DealStatus.Resolved when outcome is not null => To(both, NotificationKind.DisputeResolved, deal, outcome: outcome),
            // Awaiting payment and cancelled: the buyer just acted in the bot; released: the warranty's quiet end.
            _ => [],
        };
    }

    /// <summary>
    /// The reminder that <paramref name="deadline"/> of <paramref name="deal"/> is near, to <paramref name="recipient"/>
    /// (the party who has to act). A deal version has one deadline, so the id of deal, version, kind and person is
    /// the same for a reminder queued twice, and the sender sends it once.
    /// </summary>
    public static Notification DeadlineApproaching(Deal deal, DealDeadline deadline, User recipient)
    {
        ArgumentNullException.ThrowIfNull(deal);
        ArgumentNullException.ThrowIfNull(deadline);
        ArgumentNullException.ThrowIfNull(recipient);
        return To([recipient], NotificationKind.DeadlineApproaching, deal, deadline: deadline)[0];
    }

    private static Notification[] To(
        IEnumerable<User> people, NotificationKind kind, Deal deal, Monetary.Money? amount = null, DisputeOutcome? outcome = null,
        DealDeadline? deadline = null) =>
        [
            .. people.Select(person => new Notification(
                string.Create(CultureInfo.InvariantCulture, $"deal-{deal.Id}-v{deal.Version}-{kind}-{person.Id}"),
                person.TelegramId, person.Language, kind, deal.Id, amount, outcome, deadline?.DueAt, DeadlineKind: deadline?.Kind)),
        ];
}
