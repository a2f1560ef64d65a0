using TrustyTrade.Core.Access;
using TrustyTrade.Infrastructure.Caching;

namespace TrustyTrade.Infrastructure.Access;

/// <summary>
/// Fixed windows in Redis: one counter per bucket and window, counted and given its expiry in one script, so every
/// instance shares the count and a counter never outlives its window.
/// </summary>
internal sealed class RedisApiRateLimiter(RedisConnection redis) : IApiRateLimiter
{
    private const string Script = """
        local n = redis.call('INCR', KEYS[1])
        if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
        if n > tonumber(ARGV[2]) then return redis.call('PTTL', KEYS[1]) end
        return -1
        """;

    public async Task<TimeSpan?> HitAsync(string bucket, int limit, TimeSpan window, CancellationToken cancellationToken)
    {
        var database = await redis.GetDatabaseAsync().ConfigureAwait(false);
        var key = "tt:api-rate:" + bucket;
        var left = (long)(await database.ScriptEvaluateAsync(Script, [key], [(long)window.TotalMilliseconds, limit]).ConfigureAwait(false));
        return left < 0 ? null : TimeSpan.FromMilliseconds(Math.Max(left, 1));
    }
}
