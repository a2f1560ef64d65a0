using System.ComponentModel.DataAnnotations;

namespace TrustyTrade.Core.Notifications;

/// <summary>How the notification sender paces itself and remembers what it sent.</summary>
public sealed class NotificationOptions
{
    public const string SectionName = "Notifications";

    /// <summary>Messages per second for the whole bot, across instances; Telegram allows about 30.</summary>
    [Range(1, 30)]
    public int GlobalMessagesPerSecond { get; set; } = 26;

    /// <summary>Least time between two messages to one chat; Telegram allows about one per second.</summary>
    [Range(1000, 60000)]
    public int ChatIntervalMilliseconds { get; set; } = 1100;

    /// <summary>How long a sender may wait in process for its send slot; a later slot puts the message back on the queue.</summary>
    [Range(0, 30000)]
    public int MaxWaitMilliseconds { get; set; } = 3000;

    /// <summary>How long a claim on a notification id holds without being marked sent (a crashed sender's lease).</summary>
    [Range(10, 3600)]
    public int ClaimLeaseSeconds { get; set; } = 60;

    /// <summary>How long a sent notification's id is remembered, so a late duplicate is not sent again.</summary>
    [Range(1, 720)]
    public int SentRetentionHours { get; set; } = 168;

    /// <summary>The host's queues.maxDequeueCount in host.json: the attempt that fails for the last time says so in the log.</summary>
    [Range(1, 100)]
    public int MaxDequeueCount { get; set; } = 5;

    /// <summary>Prefix of the Redis keys (rate-limit counters, delivery journal), so environments can share a Redis.</summary>
    [Required]
    [RegularExpression("^[A-Za-z0-9:_-]{1,64}$")]
    public string RedisKeyPrefix { get; set; } = "tt:notifications:";
}
