using TrustyTrade.Core.Access;

namespace TrustyTrade.Core.Notifications.Messages;

/// <summary>A message about to be recorded in the history (see <see cref="SentMessage"/>).</summary>
public sealed record NewSentMessage(
    SentMessageKind Kind, ApiCaller Sender, long? UserId, string? BroadcastId, string? Language, string Text, int Queued);
