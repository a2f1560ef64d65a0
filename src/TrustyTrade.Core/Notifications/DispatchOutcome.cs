namespace TrustyTrade.Core.Notifications;

public enum DispatchOutcome
{
    Sent,

    /// <summary>The same id was sent before: nothing sent.</summary>
    AlreadySent,

    /// <summary>Put back on the queue with a visibility delay (rate limit, 429's retry_after, or a sender in flight).</summary>
    Deferred,

    /// <summary>Telegram refused it for good (blocked, chat not found): logged and dropped.</summary>
    Rejected,
}
