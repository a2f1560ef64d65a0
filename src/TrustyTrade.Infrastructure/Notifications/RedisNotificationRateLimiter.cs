using System.Globalization;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using TrustyTrade.Core.Notifications;
using TrustyTrade.Infrastructure.Caching;

namespace TrustyTrade.Infrastructure.Notifications;

/// <summary>
/// Send slots spaced evenly for the whole bot and per chat, kept in Redis so every instance shares them. One Lua
/// script reads both "next free slot" times on Redis's own clock and reserves atomically, so two instances never get
/// the same slot. A slot whose chat is not free yet is not taken from the bot's schedule (the caller asks again).
/// </summary>
internal sealed class RedisNotificationRateLimiter(RedisConnection redis, IOptions<NotificationOptions> options) : INotificationRateLimiter
{
    // Times are microseconds since the epoch (exact in Lua's doubles); formatted with %.0f, since tostring would
    // write 1.7e+15.
    private const string Script = """
        local t = redis.call('TIME')
        local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
        local g = tonumber(redis.call('GET', KEYS[1]) or '0')
        local c = tonumber(redis.call('GET', KEYS[2]) or '0')
        local slot = math.max(now, g)
        if c > slot then return {0, c - now} end
        if slot - now > tonumber(ARGV[3]) then return {0, slot - now} end
        local gnext = slot + tonumber(ARGV[1])
        local cnext = slot + tonumber(ARGV[2])
        redis.call('SET', KEYS[1], string.format('%.0f', gnext), 'PX', math.floor((gnext - now) / 1000) + 1000)
        redis.call('SET', KEYS[2], string.format('%.0f', cnext), 'PX', math.floor((cnext - now) / 1000) + 1000)
        return {1, slot - now}
        """;

    private readonly NotificationOptions _options = options.Value;

    public async Task<RateReservation> TryReserveAsync(long chatId, TimeSpan maxWait, CancellationToken cancellationToken)
    {
        var database = await redis.GetDatabaseAsync().ConfigureAwait(false);
        // One hash tag for all of the bot's keys: the script touches two of them, which Redis Cluster requires in one slot.
        var prefix = _options.RedisKeyPrefix + "rate:{bot}:";
        var globalIntervalMicros = 1_000_000L / _options.GlobalMessagesPerSecond;
        var result = (RedisResult[])(await database.ScriptEvaluateAsync(
            Script,
            [prefix + "global", prefix + "chat:" + chatId.ToString(CultureInfo.InvariantCulture)],
            [globalIntervalMicros, _options.ChatIntervalMilliseconds * 1000L, Math.Max(0L, (long)maxWait.TotalMicroseconds)])
            .ConfigureAwait(false))!;
        return new RateReservation((long)result[0] == 1, TimeSpan.FromMicroseconds((long)result[1]));
    }
}
