namespace TrustyTrade.Core.Notifications;

/// <summary>What a notification tells the user; each kind has one text per language in the resource files.</summary>
public enum NotificationKind
{
    DealPaid,
    DealDelivered,
    DealCompleted,
    DealRefunded,
    DealExpired,
    DisputeOpened,
    DisputeResolved,
    DeadlineApproaching,
    AdminBroadcast,

    /// <summary>An admin's or an integration's message to one user, sent through the HTTP API.</summary>
    AdminMessage,

    /// <summary>A moderator put the seller's listing on sale.</summary>
    ListingApproved,

    /// <summary>A moderator sent the seller's listing back as a draft; the text is the reason.</summary>
    ListingRejected,
}
