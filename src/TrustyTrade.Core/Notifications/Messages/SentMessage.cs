using TrustyTrade.Core.Access;

namespace TrustyTrade.Core.Notifications.Messages;

/// <summary>
/// A message sent through the API, as its history shows it: who sent it (an admin or an integration key), to whom (a
/// user, or a broadcast's audience by id and language), when, and how many notifications were queued.
/// </summary>
public sealed record SentMessage(
    long Id,
    SentMessageKind Kind,
    CallerKind SenderKind,
    long? SenderId,
    long? ApiKeyId,
    long? UserId,
    string? BroadcastId,
    string? Language,
    string Text,
    int Queued,
    DateTimeOffset SentAt);
