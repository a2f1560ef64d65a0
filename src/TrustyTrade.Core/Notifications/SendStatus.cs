namespace TrustyTrade.Core.Notifications;

public enum SendStatus
{
    Delivered,

    /// <summary>429: try again after the time Telegram named.</summary>
    TooManyRequests,

    /// <summary>Will never succeed (bot blocked by the user, chat not found, deactivated user).</summary>
    Rejected,
}
