using System.ComponentModel.DataAnnotations;

namespace TrustyTrade.Infrastructure.Caching;

public sealed class RedisOptions
{
    public const string SectionName = "Redis";

    /// <summary>StackExchange.Redis configuration string, e.g. "127.0.0.1:6379" or "host:6380,ssl=true,password=…".</summary>
    [Required]
    public string Configuration { get; set; } = "";
}
