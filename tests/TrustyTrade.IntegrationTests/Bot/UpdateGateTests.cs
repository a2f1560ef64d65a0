using Dapper;
using Microsoft.Extensions.DependencyInjection;
using TrustyTrade.Core;
using TrustyTrade.Core.Bot;
using TrustyTrade.Infrastructure;
using TrustyTrade.Infrastructure.Caching;
using TrustyTrade.IntegrationTests.Infrastructure;

namespace TrustyTrade.IntegrationTests.Bot;

/// <summary>The gate asks Redis and PostgreSQL at once; these pin that it answers as asking them one after the other would.</summary>
[Collection(DatabaseCollectionDefinition.Name)]
public sealed class UpdateGateTests(DatabaseFixture database) : IAsyncLifetime
{
    private static long _nextUpdateId = (DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 10) + 500_000_000;

    private ServiceProvider _services = null!;

    public async Task InitializeAsync()
    {
        await database.ResetAsync();
        var configuration = TestConfiguration.Build();
        _services = new ServiceCollection().AddLogging().AddTrustyTradeCore(configuration).AddTrustyTradeInfrastructure(configuration).BuildServiceProvider();
    }

    public async Task DisposeAsync() => await _services.DisposeAsync();

    [Fact]
    public async Task IdRedisRemembersButPostgresLost_IsDroppedAndLeavesNoRow()
    {
        var updateId = Interlocked.Increment(ref _nextUpdateId);
        var redis = await _services.GetRequiredService<RedisConnection>().GetDatabaseAsync();
        await redis.StringSetAsync($"tt:tg-update:{updateId}", 1, TimeSpan.FromMinutes(5));

        var admitted = await Gate().TryAdmitAsync(updateId, CancellationToken.None);

        Assert.False(admitted);
        Assert.Equal(0, await RowsAsync(updateId));
    }

    [Fact]
    public async Task ReleasedId_IsAdmittedAgainOnce()
    {
        var updateId = Interlocked.Increment(ref _nextUpdateId);
        Assert.True(await Gate().TryAdmitAsync(updateId, CancellationToken.None));
        await Gate().ReleaseAsync(updateId, CancellationToken.None);

        bool[] answers = [await Gate().TryAdmitAsync(updateId, CancellationToken.None), await Gate().TryAdmitAsync(updateId, CancellationToken.None)];

        Assert.Equal([true, false], answers);
    }

    private IUpdateGate Gate() => _services.GetRequiredService<IUpdateGate>();

    private async Task<long> RowsAsync(long updateId)
    {
        await using var connection = await database.DataSource.OpenConnectionAsync();
        return await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM telegram_updates WHERE update_id = @updateId", new { updateId });
    }
}
