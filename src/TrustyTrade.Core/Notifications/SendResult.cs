namespace TrustyTrade.Core.Notifications;

/// <summary>
/// Telegram's answer to one message. Errors that may pass (network, 5xx) are thrown instead, so the queue retries.
/// </summary>
public sealed record SendResult(SendStatus Status, TimeSpan RetryAfter, string? Reason)
{
    public static SendResult Delivered { get; } = new(SendStatus.Delivered, TimeSpan.Zero, null);

    public static SendResult TooManyRequests(TimeSpan retryAfter) => new(SendStatus.TooManyRequests, retryAfter, "429 Too Many Requests");

    public static SendResult Rejected(string reason) => new(SendStatus.Rejected, TimeSpan.Zero, reason);
}
