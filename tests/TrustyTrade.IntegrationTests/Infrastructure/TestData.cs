using Dapper;
using Npgsql;
using TrustyTrade.Core.Monetary;

namespace TrustyTrade.IntegrationTests.Infrastructure;

/// <summary>Small builders that put users and listings straight into the test database.</summary>
internal sealed class TestData(NpgsqlDataSource dataSource)
{
    private static long _nextTelegramId = 1_000_000;

    public async Task<long> UserAsync(string role = "user", bool banned = false)
    {
        var telegramId = Interlocked.Increment(ref _nextTelegramId);
        await using var connection = await dataSource.OpenConnectionAsync();
        return await connection.ExecuteScalarAsync<long>(
            "INSERT INTO users (telegram_id, username, role, is_banned) VALUES (@telegramId, @username, @role, @banned) RETURNING id",
            new { telegramId, username = $"user{telegramId}", role, banned });
    }

    public async Task<long> ListingAsync(long sellerId, Money price, string status = "active", string game = "Dota 2",
        string title = "Immortal account", string description = "Rank 8000, all heroes, e-mail included")
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        return await connection.ExecuteScalarAsync<long>(
            """
            INSERT INTO accounts (user_id, game, title, description, price, currency, status)
            VALUES (@sellerId, @game, @title, @description, @amount, @currency, @status) RETURNING id
            """,
            new { sellerId, game, title, description, amount = price.Amount, currency = price.Currency.ToString(), status });
    }

    public async Task<T> ScalarAsync<T>(string sql, object? parameters = null)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        return (await connection.ExecuteScalarAsync<T>(sql, parameters))!;
    }
}
