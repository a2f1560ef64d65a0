using TrustyTrade.Core.Access;
using TrustyTrade.Core.Users;
using TrustyTrade.Functions.Api.Access;
using TrustyTrade.IntegrationTests.Infrastructure;

namespace TrustyTrade.IntegrationTests.Api;

/// <summary>The hourly clean-up keeps live refresh tokens and recent Idempotency-Key answers, and deletes the rest.</summary>
[Collection(DatabaseCollectionDefinition.Name)]
public sealed class ApiRecordsCleanupTests(DatabaseFixture database) : ApiHostTest(database)
{
    [Fact]
    public async Task Cleanup_DeletesOnlyExpiredTokensAndOldAnswers()
    {
        var sessions = Host.Get<SessionService>();
        var idempotency = Host.Get<IApiIdempotencyStore>();
        await sessions.SignInWithTelegramAsync(new TelegramProfile(5_550_001, null, "en"), CancellationToken.None);
        await idempotency.BeginAsync("user:1", "old", [1], TimeSpan.FromHours(48), CancellationToken.None);
        await ExecuteAsync("UPDATE api_idempotency SET created_at = now() - interval '49 hours'");
        await ExecuteAsync("UPDATE refresh_tokens SET expires_at = @at", Host.Time.GetUtcNow().AddDays(-2));
        await sessions.SignInWithTelegramAsync(new TelegramProfile(5_550_002, null, "en"), CancellationToken.None);
        await idempotency.BeginAsync("user:1", "new", [1], TimeSpan.FromHours(48), CancellationToken.None);
        Host.Time.SetUtcNow(DateTimeOffset.UtcNow);

        var deleted = await new ApiRecordsCleanupFunction(Host.Get<ApiRecordsCleanup>()).CleanUpApiRecords(null!, CancellationToken.None);

        Assert.Equal((2, 1L, 1L), (deleted, await CountAsync("refresh_tokens"), await CountAsync("api_idempotency")));
    }

    private async Task ExecuteAsync(string sql, DateTimeOffset? at = null)
    {
        await using var command = Database.DataSource.CreateCommand(sql);
        if (at is not null)
        {
            command.Parameters.AddWithValue("at", at.Value);
        }

        await command.ExecuteNonQueryAsync();
    }

    private async Task<long> CountAsync(string table)
    {
        await using var command = Database.DataSource.CreateCommand($"SELECT count(*) FROM {table}");
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
