using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using TrustyTrade.Core.Access;
using TrustyTrade.Infrastructure.Caching;

namespace TrustyTrade.Infrastructure.Access;

/// <summary>
/// Fixed windows in Redis: one counter per bucket and window, counted and given its expiry in one script, so every
/// instance shares the count and a counter never outlives its window. Redis holds only what may be lost: when it does
/// not answer, requests are let through (logged) rather than the whole API failing with it.
/// </summary>
internal sealed partial class RedisApiRateLimiter(RedisConnection redis, IOptions<ApiOptions> options, ILogger<RedisApiRateLimiter> logger) : IApiRateLimiter
{
    private const string Script = """
        local n = redis.call('INCR', KEYS[1])
        if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
        if n > tonumber(ARGV[2]) then return redis.call('PTTL', KEYS[1]) end
        return -1
        """;

    public async Task<TimeSpan?> HitAsync(string bucket, int limit, TimeSpan window, CancellationToken cancellationToken)
    {
        try
        {
            var database = await redis.GetDatabaseAsync().ConfigureAwait(false);
            var left = (long)(await database.ScriptEvaluateAsync(Script, [options.Value.RedisKeyPrefix + bucket], [(long)window.TotalMilliseconds, limit])
                .ConfigureAwait(false));
            return left < 0 ? null : TimeSpan.FromMilliseconds(Math.Max(left, 1));
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            LogRedisDown(e);
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Redis did not answer: an API request was let through without its rate limit")]
    private partial void LogRedisDown(Exception exception);
}
