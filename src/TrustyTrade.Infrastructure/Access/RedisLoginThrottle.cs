using Microsoft.Extensions.Options;
using StackExchange.Redis;
using TrustyTrade.Core.Access.Admins;
using TrustyTrade.Infrastructure.Caching;

namespace TrustyTrade.Infrastructure.Access;

/// <summary>
/// Failure counters in Redis, shared by every instance: one hash per login and per client address holding when its
/// window started, its count, and until when it is locked. Times come from the app's clock (milliseconds since the
/// epoch) rather than from key expiry, so a lockout lasts exactly the window and tests can move time; the key's TTL
/// only tidies up. A Lua script counts and locks atomically, and every attempt is counted before its password is
/// checked (a success then clears the login's count), so attempts sent in parallel can't slip past the limit.
/// </summary>
internal sealed class RedisLoginThrottle(RedisConnection redis, IOptions<AdminAuthOptions> options, TimeProvider time) : ILoginThrottle
{
    private const string LockedUntilField = "until";

    // ARGV: now, window, limit (ms, ms, count). A locked key is left alone, so hammering it doesn't extend the lock;
    // once a window has passed (or a lock ended) counting starts over.
    private const string FailureScript = """
        local now = tonumber(ARGV[1])
        local window = tonumber(ARGV[2])
        local lockedUntil = tonumber(redis.call('HGET', KEYS[1], 'until') or '0')
        if lockedUntil > now then return 0 end
        local started = tonumber(redis.call('HGET', KEYS[1], 'started') or '-1')
        local count
        if started < 0 or now - started >= window then
          redis.call('HSET', KEYS[1], 'started', ARGV[1], 'count', 1, 'until', 0)
          count = 1
        else
          count = redis.call('HINCRBY', KEYS[1], 'count', 1)
        end
        if count >= tonumber(ARGV[3]) then
          redis.call('HSET', KEYS[1], 'started', ARGV[1], 'until', string.format('%.0f', now + window))
        end
        redis.call('PEXPIRE', KEYS[1], window * 2)
        return count
        """;

    private readonly AdminAuthOptions _options = options.Value;

    private long WindowMilliseconds => _options.LockoutMinutes * 60_000L;

    public async Task<TimeSpan?> RetryAfterAsync(string login, string clientIp, CancellationToken cancellationToken)
    {
        var database = await redis.GetDatabaseAsync().ConfigureAwait(false);
        var lockedUntil = await Task.WhenAll(
            database.HashGetAsync(LoginKey(login), LockedUntilField),
            database.HashGetAsync(AddressKey(clientIp), LockedUntilField)).ConfigureAwait(false);
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var wait = lockedUntil.Select(until => until.TryParse(out long ms) ? ms - now : 0).Max();
        return wait > 0 ? TimeSpan.FromMilliseconds(wait) : null;
    }

    public async Task<bool> CountAttemptAsync(string login, string clientIp, CancellationToken cancellationToken)
    {
        var database = await redis.GetDatabaseAsync().ConfigureAwait(false);
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var counts = await Task.WhenAll(
            database.ScriptEvaluateAsync(FailureScript, [LoginKey(login)], [now, WindowMilliseconds, _options.MaxFailuresPerLogin]),
            database.ScriptEvaluateAsync(FailureScript, [AddressKey(clientIp)], [now, WindowMilliseconds, _options.MaxFailuresPerIp]))
            .ConfigureAwait(false);
        return counts.All(count => (long)count > 0);
    }

    public async Task ClearAsync(string login, CancellationToken cancellationToken)
    {
        var database = await redis.GetDatabaseAsync().ConfigureAwait(false);
        await database.KeyDeleteAsync(LoginKey(login)).ConfigureAwait(false);
    }

    private RedisKey LoginKey(string login) => _options.RedisKeyPrefix + "login:" + login;

    private RedisKey AddressKey(string clientIp) => _options.RedisKeyPrefix + "ip:" + clientIp;
}
