namespace TrustyTrade.Core.Bot;

/// <summary>What the webhook made of a request.</summary>
public enum WebhookOutcome
{
    /// <summary>A new update, now on the queue.</summary>
    Queued,

    /// <summary>A pre-checkout query, answered to Telegram inside the request (it can't wait for the queue).</summary>
    Answered,

    /// <summary>An update id seen before: dropped, and Telegram is told all is well so it stops redelivering.</summary>
    Duplicate,

    /// <summary>The secret header is missing or wrong.</summary>
    Forged,

    /// <summary>The body is not a Telegram Update (not JSON, no update id, no update of a kind we know, too big).</summary>
    NotAnUpdate,
}
