using Dapper;
using Microsoft.Extensions.DependencyInjection;
using TrustyTrade.Core;
using TrustyTrade.Core.Bot;
using TrustyTrade.Functions.Bot;
using TrustyTrade.Infrastructure;
using TrustyTrade.IntegrationTests.Infrastructure;

namespace TrustyTrade.IntegrationTests.Bot;

/// <summary>The hourly clean-up of <c>telegram_updates</c>, invoked directly against the real PostgreSQL.</summary>
[Collection(DatabaseCollectionDefinition.Name)]
public sealed class SeenUpdateCleanupTests(DatabaseFixture database) : IAsyncLifetime
{
    private const int SeenUpdateHours = 26;

    private ServiceProvider _services = null!;

    public async Task InitializeAsync()
    {
        await database.ResetAsync();
        var configuration = TestConfiguration.Build(new Dictionary<string, string?>
        {
            ["Telegram:SeenUpdateHours"] = SeenUpdateHours.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        _services = new ServiceCollection()
            .AddLogging()
            .AddTrustyTradeCore(configuration)
            .AddTrustyTradeInfrastructure(configuration)
            .BuildServiceProvider();
    }

    public async Task DisposeAsync() => await _services.DisposeAsync();

    [Fact]
    public async Task Run_DeletesIdsOlderThanTheWindowAndKeepsTheRest()
    {
        await SeenAsync(firstId: 1, count: 3, hoursAgo: SeenUpdateHours + 1);
        await SeenAsync(firstId: 100, count: 2, hoursAgo: SeenUpdateHours - 1);
        await SeenAsync(firstId: 200, count: 1, hoursAgo: 0);

        var deleted = await Function().CleanUpSeenUpdates(null!, CancellationToken.None);

        Assert.Equal(3, deleted);
        Assert.Equal(new long[] { 100, 101, 200 }, await RemainingAsync());
    }

    [Fact]
    public async Task Run_MoreOldIdsThanOneBatch_DeletesThemAllInSeveralBatches()
    {
        await SeenAsync(firstId: 1, count: (SeenUpdateCleanup.BatchSize * 2) + 7, hoursAgo: SeenUpdateHours + 2);
        await SeenAsync(firstId: 1_000_000, count: 1, hoursAgo: 1);

        var deleted = await _services.GetRequiredService<SeenUpdateCleanup>().RunAsync(CancellationToken.None);

        Assert.Equal((SeenUpdateCleanup.BatchSize * 2) + 7, deleted);
        Assert.Equal(new long[] { 1_000_000 }, await RemainingAsync());
    }

    [Fact]
    public async Task Store_DeletesAtMostOneBatchOldestFirst()
    {
        await SeenAsync(firstId: 1, count: 3, hoursAgo: 30);
        await SeenAsync(firstId: 10, count: 3, hoursAgo: 40);

        var deleted = await _services.GetRequiredService<ISeenUpdateStore>().DeleteSeenBeforeAsync(DateTimeOffset.UtcNow, 3, CancellationToken.None);

        Assert.Equal(3, deleted);
        Assert.Equal(new long[] { 1, 2, 3 }, await RemainingAsync());
    }

    [Fact]
    public async Task UpdateForgottenByTheCleanUp_IsAdmittedOnlyAfterRedisForgotItToo()
    {
        var gate = _services.GetRequiredService<IUpdateGate>();
        var updateId = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 10 + 3;
        Assert.True(await gate.TryAdmitAsync(updateId, CancellationToken.None));
        await database.DataSource.CreateCommand(
            $"UPDATE telegram_updates SET received_at = now() - interval '{SeenUpdateHours + 1} hours' WHERE update_id = {updateId}").ExecuteNonQueryAsync();

        await Function().CleanUpSeenUpdates(null!, CancellationToken.None);

        Assert.False(await gate.TryAdmitAsync(updateId, CancellationToken.None)); // Redis still remembers it
    }

    private SeenUpdateCleanupFunction Function() => ActivatorUtilities.CreateInstance<SeenUpdateCleanupFunction>(_services);

    private async Task SeenAsync(long firstId, int count, double hoursAgo)
    {
        await using var connection = await database.DataSource.OpenConnectionAsync();
        await connection.ExecuteAsync(
            """
            INSERT INTO telegram_updates (update_id, received_at)
            SELECT id, now() - make_interval(secs => @hoursAgo * 3600) FROM generate_series(@firstId, @firstId + @count - 1) AS id
            """,
            new { firstId, count, hoursAgo });
    }

    private async Task<long[]> RemainingAsync()
    {
        await using var connection = await database.DataSource.OpenConnectionAsync();
        return [.. await connection.QueryAsync<long>("SELECT update_id FROM telegram_updates ORDER BY update_id")];
    }
}
