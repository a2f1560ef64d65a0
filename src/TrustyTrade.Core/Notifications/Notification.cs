using TrustyTrade.Core.Deals;
using TrustyTrade.Core.Deals.Workflow;
using TrustyTrade.Core.Monetary;

namespace TrustyTrade.Core.Notifications;

/// <summary>
/// One message to one Telegram chat, as it travels on the notifications queue. It carries the template's arguments,
/// never a rendered text, and never a secret (account credentials are shown only in the bot's own conversation).
/// <c>Id</c> is stable and chosen by the producer (e.g. <c>deal-42-paid-buyer</c>): a second message with the same id
/// is not sent again. A <see cref="NotificationKind.DeadlineApproaching"/> carries its deadline and, from the deal
/// workflow, which deadline it is, so the text says what to do before it.
/// </summary>
public sealed record Notification(
    string Id,
    long ChatId,
    string Language,
    NotificationKind Kind,
    long? DealId = null,
    Money? Amount = null,
    DisputeOutcome? Outcome = null,
    DateTimeOffset? Deadline = null,
    string? Text = null,
    DealDeadlineKind? DeadlineKind = null,
    long? ListingId = null)
{
    public const int MaxIdLength = 200;

    /// <summary>Telegram's limit on a message's text; a broadcast must fit with its heading.</summary>
    public const int MaxBroadcastLength = 3500;

    /// <summary>
    /// A message to one user: Telegram's 4096 characters less room for the heading the texts put above it.
    /// </summary>
    public const int MaxMessageLength = 4000;

    /// <summary>Why this notification cannot be sent, or null when it can.</summary>
    public string? Problem()
    {
        if (string.IsNullOrWhiteSpace(Id) || Id.Length > MaxIdLength)
        {
            return $"id must be 1–{MaxIdLength} characters";
        }

        if (ChatId == 0)
        {
            return "chat id is missing";
        }

        if (!Enum.IsDefined(Kind))
        {
            return $"unknown kind {(int)Kind}";
        }

        var aboutListing = Kind is NotificationKind.ListingApproved or NotificationKind.ListingRejected;
        var needsDeal = !aboutListing && Kind is not (NotificationKind.AdminBroadcast or NotificationKind.AdminMessage);
        var needsAmount = Kind is NotificationKind.DealPaid or NotificationKind.DealCompleted or NotificationKind.DealRefunded;
        return this switch
        {
            _ when needsDeal && DealId is not > 0 => $"{Kind} needs a deal id",
            _ when needsAmount && Amount is null => $"{Kind} needs an amount",
            _ when aboutListing && ListingId is not > 0 => $"{Kind} needs a listing id",
            { Kind: NotificationKind.ListingRejected } when string.IsNullOrWhiteSpace(Text) || Text.Length > MaxMessageLength =>
                "ListingRejected needs the reason",
            { Kind: NotificationKind.DisputeResolved, Outcome: null } => "DisputeResolved needs an outcome",
            { Kind: NotificationKind.DisputeResolved } when !Enum.IsDefined(Outcome!.Value) => $"unknown outcome {(int)Outcome!.Value}",
            { Kind: NotificationKind.DeadlineApproaching, Deadline: null } => "DeadlineApproaching needs a deadline",
            { DeadlineKind: { } deadline } when !Enum.IsDefined(deadline) => $"unknown deadline kind {(int)deadline}",
            { Kind: NotificationKind.AdminBroadcast } when string.IsNullOrWhiteSpace(Text) || Text.Length > MaxBroadcastLength =>
                $"AdminBroadcast needs a text of 1–{MaxBroadcastLength} characters",
            { Kind: NotificationKind.AdminMessage } when string.IsNullOrWhiteSpace(Text) || Text.Length > MaxMessageLength =>
                $"AdminMessage needs a text of 1–{MaxMessageLength} characters",
            _ => null,
        };
    }
}
