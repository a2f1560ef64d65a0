namespace TrustyTrade.Core.Notifications.Messages;

public enum SentMessageKind
{
    /// <summary>To one user.</summary>
    Direct,

    /// <summary>To every user who is not banned, or those reading one language.</summary>
    Broadcast,
}
