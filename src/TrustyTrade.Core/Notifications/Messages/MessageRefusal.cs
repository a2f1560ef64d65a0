namespace TrustyTrade.Core.Notifications.Messages;

/// <summary>Why a message was not sent (then nothing was queued or recorded).</summary>
public enum MessageRefusal
{
    /// <summary>Only admins and integration keys send messages; only admins broadcast.</summary>
    NotAllowed,

    /// <summary>Empty, or longer than the kind allows.</summary>
    BadText,

    UserNotFound,

    /// <summary>A banned user gets no messages from the platform.</summary>
    UserBanned,

    /// <summary>The broadcast's id or language is not valid (the detail says which).</summary>
    BadBroadcast,
}
