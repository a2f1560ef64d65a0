using System.Buffers;
using System.Globalization;
using Microsoft.Extensions.Logging;
using TrustyTrade.Core.Users;

namespace TrustyTrade.Core.Notifications;

/// <summary>
/// Admin broadcasts: one <see cref="NotificationKind.AdminBroadcast"/> notification per user who is not banned, queued a
/// page at a time; the queue-triggered sender paces them within Telegram's limits. Each notification's id is the
/// broadcast's id and the user's, so a broadcast sent again (a retry after a crash half-way) reaches nobody twice.
/// </summary>
public sealed partial class BroadcastService(IUserStore users, INotificationPublisher notifications, ILogger<BroadcastService> logger)
{
    /// <summary>Users read and queued at a time.</summary>
    public const int PageSize = 500;

    public const int MaxIdLength = 100;

    private static readonly SearchValues<char> IdCharacters =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_:.");

    public async Task<BroadcastResult> BroadcastAsync(Broadcast broadcast, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(broadcast);
        if (Problem(broadcast) is { } problem)
        {
            return new BroadcastResult(0, problem);
        }

        if (await users.FindAsync(broadcast.AdminId, cancellationToken).ConfigureAwait(false) is not { Role: UserRole.Admin, IsBanned: false })
        {
            return new BroadcastResult(0, "only an admin may broadcast");
        }

        var queued = 0;
        for (var afterId = 0L; ;)
        {
            var page = await users.ListRecipientsAsync(afterId, PageSize, broadcast.Language, cancellationToken).ConfigureAwait(false);
            if (page.Count == 0)
            {
                break;
            }

            await notifications.EnqueueManyAsync([.. page.Select(r => To(r, broadcast))], cancellationToken).ConfigureAwait(false);
            queued += page.Count;
            afterId = page[^1].UserId;
        }

        LogBroadcast(broadcast.Id, broadcast.AdminId, broadcast.Language ?? "all", queued);
        return new BroadcastResult(queued, null);
    }

    private static string? Problem(Broadcast broadcast) => broadcast switch
    {
        { Id: var id } when string.IsNullOrEmpty(id) || id.Length > MaxIdLength || id.AsSpan().ContainsAnyExcept(IdCharacters) =>
            $"the broadcast id must be 1–{MaxIdLength} letters, digits or -_:.",
        { Text: var text } when string.IsNullOrWhiteSpace(text) || text.Length > Notification.MaxBroadcastLength =>
            $"the text must be 1–{Notification.MaxBroadcastLength} characters",
        { Language: { } language } when !UserLanguages.IsSupported(language) => $"the bot does not speak '{language}'",
        _ => null,
    };

    private static Notification To(Recipient recipient, Broadcast broadcast) => new(
        string.Create(CultureInfo.InvariantCulture, $"broadcast-{broadcast.Id}-{recipient.UserId}"),
        recipient.TelegramId, recipient.Language, NotificationKind.AdminBroadcast, Text: broadcast.Text);

    [LoggerMessage(Level = LogLevel.Information, Message = "Broadcast {BroadcastId} by admin {AdminId} to {Audience}: queued for {Count} users")]
    private partial void LogBroadcast(string broadcastId, long adminId, string audience, int count);
}
