using System.ComponentModel.DataAnnotations;

namespace TrustyTrade.Core.Access;

/// <summary>The HTTP API's tokens and limits (section <c>Api</c>).</summary>
public sealed class ApiOptions
{
    public const string SectionName = "Api";

    [Required]
    [MinLength(1)]
    public string JwtIssuer { get; set; } = string.Empty;

    [Required]
    [MinLength(1)]
    public string JwtAudience { get; set; } = string.Empty;

    /// <summary>The HS256 key, base64, at least 32 bytes once decoded (checked at start).</summary>
    [Required]
    [MinLength(44)]
    public string JwtSigningKey { get; set; } = string.Empty;

    [Range(1, 60)]
    public int AccessTokenMinutes { get; set; } = 15;

    [Range(1, 90)]
    public int RefreshTokenDays { get; set; } = 30;

    /// <summary>An admin's sign-in lasts a working day at most, however often its tokens are refreshed.</summary>
    [Range(1, 72)]
    public int AdminSessionHours { get; set; } = 12;

    [Range(1, 100_000)]
    public int RequestsPerMinutePerIp { get; set; } = 600;

    [Range(1, 100_000)]
    public int RequestsPerMinutePerUser { get; set; } = 240;

    [Range(1, 100_000)]
    public int RequestsPerMinutePerKey { get; set; } = 1200;

    /// <summary>How long the answer to a request with an Idempotency-Key is kept for a retry.</summary>
    [Range(1, 720)]
    public int IdempotencyHours { get; set; } = 48;

    [Range(1024, 1_048_576)]
    public int MaxBodyBytes { get; set; } = 65_536;

    /// <summary>Prefix of the rate-limit counters in Redis (apps or environments sharing a Redis keep apart by it).</summary>
    [Required]
    [MinLength(1)]
    public string RedisKeyPrefix { get; set; } = "tt:api-rate:";
}
