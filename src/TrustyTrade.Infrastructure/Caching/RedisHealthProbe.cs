using TrustyTrade.Core.Health;

namespace TrustyTrade.Infrastructure.Caching;

internal sealed class RedisHealthProbe(RedisConnection redis) : IDependencyProbe
{
    public string Name => "redis";

    public async Task CheckAsync(CancellationToken cancellationToken)
    {
        var database = await redis.GetDatabaseAsync().ConfigureAwait(false);
        await database.PingAsync().ConfigureAwait(false);
    }
}
