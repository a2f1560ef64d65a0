namespace TrustyTrade.Infrastructure.Notifications;

/// <summary>Names of the notification queues; the Functions host moves a message that keeps failing to the poison one.</summary>
public static class NotificationQueues
{
    public const string Notifications = "notifications";

    public const string Poison = Notifications + "-poison";
}
