namespace TrustyTrade.Core.Notifications;

/// <summary>A queue message that is not a notification we can send; it is kept (poison queue), never dropped.</summary>
public sealed class InvalidNotificationException : Exception
{
    public InvalidNotificationException()
    {
    }

    public InvalidNotificationException(string message)
        : base(message)
    {
    }

    public InvalidNotificationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
