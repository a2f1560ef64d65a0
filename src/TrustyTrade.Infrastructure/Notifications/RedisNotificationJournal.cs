using Microsoft.Extensions.Options;
using StackExchange.Redis;
using TrustyTrade.Core.Notifications;
using TrustyTrade.Infrastructure.Caching;

namespace TrustyTrade.Infrastructure.Notifications;

/// <summary>
/// One Redis key per notification id: "inflight" with the claim's lease as its TTL, then "sent" for the retention
/// period. Redis may lose it (it holds only what may be lost): the worst case is a repeated notification, not a lost one.
/// </summary>
internal sealed class RedisNotificationJournal(RedisConnection redis, IOptions<NotificationOptions> options) : INotificationJournal
{
    private const string ClaimScript = """
        local v = redis.call('GET', KEYS[1])
        if not v then
          redis.call('SET', KEYS[1], 'inflight', 'PX', ARGV[1])
          return {1, 0}
        end
        if v == 'sent' then return {2, 0} end
        return {3, redis.call('PTTL', KEYS[1])}
        """;

    private const string ReleaseScript = """
        if redis.call('GET', KEYS[1]) == 'inflight' then return redis.call('DEL', KEYS[1]) end
        return 0
        """;

    private readonly NotificationOptions _options = options.Value;

    public async Task<DeliveryClaim> TryClaimAsync(string notificationId, CancellationToken cancellationToken)
    {
        var database = await redis.GetDatabaseAsync().ConfigureAwait(false);
        var result = (RedisResult[])(await database.ScriptEvaluateAsync(
            ClaimScript, [Key(notificationId)], [_options.ClaimLeaseSeconds * 1000L]).ConfigureAwait(false))!;
        return (long)result[0] switch
        {
            1 => DeliveryClaim.Claimed,
            2 => DeliveryClaim.AlreadySent,
            _ => new DeliveryClaim(DeliveryClaimState.InFlight, TimeSpan.FromMilliseconds(Math.Max(1000L, (long)result[1]))),
        };
    }

    public async Task MarkSentAsync(string notificationId, CancellationToken cancellationToken)
    {
        var database = await redis.GetDatabaseAsync().ConfigureAwait(false);
        await database.StringSetAsync(Key(notificationId), "sent", TimeSpan.FromHours(_options.SentRetentionHours)).ConfigureAwait(false);
    }

    public async Task ReleaseAsync(string notificationId, CancellationToken cancellationToken)
    {
        var database = await redis.GetDatabaseAsync().ConfigureAwait(false);
        await database.ScriptEvaluateAsync(ReleaseScript, [Key(notificationId)]).ConfigureAwait(false);
    }

    private RedisKey Key(string notificationId) => _options.RedisKeyPrefix + "sent:" + notificationId;
}
