using System.Globalization;
using TrustyTrade.Core.Access;
using TrustyTrade.Core.Users;

namespace TrustyTrade.Core.Notifications.Messages;

/// <summary>
/// Messages admins and integrations send through the API: one to a user, or a broadcast (through
/// <see cref="BroadcastService"/>). Each goes on the notification queue and into the history in the same call.
/// </summary>
public sealed class MessageService(IUserStore users, INotificationPublisher notifications, BroadcastService broadcasts, ISentMessageStore history)
{
    public async Task<MessageResult> SendAsync(ApiCaller sender, long userId, string text, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sender);
        if (sender.Kind is not (CallerKind.Admin or CallerKind.ApiKey))
        {
            return MessageResult.Refused(MessageRefusal.NotAllowed, "only admins and integrations send messages");
        }

        if (string.IsNullOrWhiteSpace(text) || text.Length > Notification.MaxMessageLength)
        {
            return MessageResult.Refused(MessageRefusal.BadText, $"the text must be 1–{Notification.MaxMessageLength} characters");
        }

        var user = await users.FindAsync(userId, cancellationToken).ConfigureAwait(false);
        if (user is null)
        {
            return MessageResult.Refused(MessageRefusal.UserNotFound, "the user was not found");
        }

        if (user.IsBanned)
        {
            return MessageResult.Refused(MessageRefusal.UserBanned, "the user is banned");
        }

        var message = await history.RecordAsync(
            new NewSentMessage(SentMessageKind.Direct, sender, user.Id, null, null, text, Queued: 1),
            id => notifications.EnqueueAsync(
                new Notification(string.Create(CultureInfo.InvariantCulture, $"api-message-{id}"), user.TelegramId, user.Language,
                    NotificationKind.AdminMessage, Text: text),
                TimeSpan.Zero, cancellationToken),
            cancellationToken).ConfigureAwait(false);
        return MessageResult.Sent(message);
    }

    /// <summary>
    /// Queues the broadcast, then records it. A broadcast sent again under its id reaches nobody twice (the sender
    /// drops notifications it sent), and the history shows each time it was asked for.
    /// </summary>
    public async Task<MessageResult> BroadcastAsync(ApiCaller sender, string id, string text, string? language, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sender);
        if (sender is not { Kind: CallerKind.Admin, UserId: { } adminId })
        {
            return MessageResult.Refused(MessageRefusal.NotAllowed, "only an admin may broadcast");
        }

        var result = await broadcasts.BroadcastAsync(new Broadcast(id, adminId, text, language), cancellationToken).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            return MessageResult.Refused(MessageRefusal.BadBroadcast, result.Refusal!);
        }

        var message = await history.RecordAsync(
            new NewSentMessage(SentMessageKind.Broadcast, sender, null, id, language, text, result.Queued), _ => Task.CompletedTask, cancellationToken)
            .ConfigureAwait(false);
        return MessageResult.Sent(message);
    }

    public Task<IReadOnlyList<SentMessage>> ListAsync(long? beforeId, int limit, CancellationToken cancellationToken) =>
        history.ListAsync(beforeId, limit, cancellationToken);
}
