namespace TrustyTrade.Core.Notifications.Messages;

/// <summary>The recorded message, or why nothing was sent (with a detail for people).</summary>
public sealed record MessageResult(SentMessage? Message, MessageRefusal? Refusal, string? Detail = null)
{
    public static MessageResult Sent(SentMessage message) => new(message, null);

    public static MessageResult Refused(MessageRefusal refusal, string detail) => new(null, refusal, detail);
}
