using System.ComponentModel.DataAnnotations;

namespace TrustyTrade.Infrastructure.Telemetry;

/// <summary>The Prometheus endpoint's key and where the counters of all instances add up.</summary>
public sealed class MetricsOptions
{
    public const string SectionName = "Metrics";

    /// <summary>
    /// The bearer key a scraper sends to <c>/api/metrics</c>; empty turns the endpoint off (404). At least 32
    /// characters when set, since it guards figures about the business.
    /// </summary>
    [RegularExpression("^$|^.{32,}$", ErrorMessage = "Metrics:ScrapeKey must be empty (endpoint off) or at least 32 characters")]
    public string ScrapeKey { get; set; } = "";

    /// <summary>Prefix of the Redis hash the instances add their counters to.</summary>
    [Required]
    public string RedisKeyPrefix { get; set; } = "tt:metrics:";

    /// <summary>How often an instance adds what it counted to Redis (a scrape also flushes the instance it reaches).</summary>
    [Range(1, 300)]
    public int FlushSeconds { get; set; } = 10;
}
