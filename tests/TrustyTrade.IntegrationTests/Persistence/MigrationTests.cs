using Dapper;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using TrustyTrade.Infrastructure.Persistence;
using TrustyTrade.IntegrationTests.Infrastructure;

namespace TrustyTrade.IntegrationTests.Persistence;

/// <summary>Each test migrates a database of its own, created empty and dropped afterwards.</summary>
public sealed class MigrationTests : IAsyncLifetime
{
    private readonly MigrationRunner _runner = new(NullLogger<MigrationRunner>.Instance);
    private readonly string _connectionString;
    private readonly string _adminConnectionString;
    private readonly string _database = $"trustytrade_migration_{Guid.NewGuid():N}";

    public MigrationTests()
    {
        var shared = new NpgsqlConnectionStringBuilder(TestConfiguration.PostgresConnectionString);
        _adminConnectionString = new NpgsqlConnectionStringBuilder(shared.ConnectionString) { Database = "postgres", Pooling = false }.ConnectionString;
        _connectionString = new NpgsqlConnectionStringBuilder(shared.ConnectionString) { Database = _database, Pooling = false }.ConnectionString;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    /// <summary>
    /// Drops the database once nothing uses it. The tests' own connections are unpooled and closed by now; an
    /// autovacuum worker may still be in the new database, and WITH (FORCE) may not end another role's process
    /// (it fails with 42501), so a plain DROP, which waits for autovacuum to leave, is retried a while.
    /// </summary>
    public async Task DisposeAsync()
    {
        await using var connection = new NpgsqlConnection(_adminConnectionString);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await connection.ExecuteAsync($"DROP DATABASE IF EXISTS \"{_database}\"");
                return;
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.ObjectInUse && attempt < 50)
            {
                await Task.Delay(200);
            }
        }
    }

    [Fact]
    public async Task MigrateAsync_EmptyDatabase_AppliesEveryMigrationInOrder()
    {
        var applied = await _runner.MigrateAsync(_connectionString, CancellationToken.None);

        Assert.NotEmpty(applied);
        Assert.Equal(MigrationRunner.AllMigrations(), applied);
    }

    [Fact]
    public async Task MigrateAsync_AppliedTwice_SecondRunIsNoOp()
    {
        await _runner.MigrateAsync(_connectionString, CancellationToken.None);
        var schemaBefore = await SchemaFingerprintAsync();

        var appliedAgain = await _runner.MigrateAsync(_connectionString, CancellationToken.None);

        Assert.Empty(appliedAgain);
        Assert.Equal(schemaBefore, await SchemaFingerprintAsync());
    }

    [Fact]
    public async Task MigrateAsync_ConcurrentStarts_ApplyEachMigrationOnce()
    {
        var runs = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => _runner.MigrateAsync(_connectionString, CancellationToken.None)));

        Assert.Equal(MigrationRunner.AllMigrations(), runs.SelectMany(applied => applied).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("users", new[] { "id", "telegram_id", "username", "rating", "created_at" })]
    [InlineData("accounts", new[] { "id", "user_id", "game", "description", "price", "status", "created_at" })]
    [InlineData("deals", new[] { "id", "seller_id", "buyer_id", "account_id", "escrow_status", "created_at" })]
    [InlineData("transactions", new[] { "id", "deal_id", "payment_method", "amount", "status", "transaction_hash", "created_at" })]
    public async Task MigrateAsync_SeedTable_HasTheNamedColumns(string table, string[] columns)
    {
        await _runner.MigrateAsync(_connectionString, CancellationToken.None);

        var actual = await ColumnsAsync(table);

        Assert.Empty(columns.Except(actual.Keys));
    }

    [Theory]
    [InlineData("accounts", "price")]
    [InlineData("transactions", "amount")]
    public async Task MigrateAsync_MoneyColumn_IsNumericWithACurrencyBeside(string table, string column)
    {
        await _runner.MigrateAsync(_connectionString, CancellationToken.None);

        var actual = await ColumnsAsync(table);

        Assert.Equal("numeric", actual[column]);
        Assert.Equal("text", actual["currency"]);
    }

    [Fact]
    public async Task MigrateAsync_SecondPaymentWithTheSameHash_IsRejectedByTheDatabase()
    {
        await _runner.MigrateAsync(_connectionString, CancellationToken.None);
        await using var connection = new NpgsqlConnection(_connectionString);
        var dealId = await connection.ExecuteScalarAsync<long>("""
            WITH seller AS (INSERT INTO users (telegram_id, username) VALUES (1, 'seller') RETURNING id),
                 buyer AS (INSERT INTO users (telegram_id, username) VALUES (2, 'buyer') RETURNING id),
                 listing AS (INSERT INTO accounts (user_id, game, description, price, currency)
                             SELECT id, 'Dota 2', 'Immortal rank', 100, 'XTR' FROM seller RETURNING id, user_id)
            INSERT INTO deals (seller_id, buyer_id, account_id, amount, currency, fee, warranty_days, payment_due_at)
            SELECT listing.user_id, buyer.id, listing.id, 100, 'XTR', 5, 5, now() FROM listing, buyer RETURNING id
            """);
        const string pay = """
            INSERT INTO transactions (deal_id, payment_method, amount, currency, status, transaction_hash)
            VALUES (@dealId, 'telegram_stars', 100, 'XTR', 'confirmed', 'charge-1')
            """;
        await connection.ExecuteAsync(pay, new { dealId });

        var duplicate = await Assert.ThrowsAsync<PostgresException>(() => connection.ExecuteAsync(pay, new { dealId }));

        Assert.Equal(PostgresErrorCodes.UniqueViolation, duplicate.SqlState);
    }

    private async Task<Dictionary<string, string>> ColumnsAsync(string table)
    {
        await using var connection = new NpgsqlConnection(_connectionString);
        var rows = await connection.QueryAsync<(string Name, string Type)>(
            "SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = 'public' AND table_name = @table",
            new { table });
        return rows.ToDictionary(r => r.Name, r => r.Type);
    }

    private async Task<string> SchemaFingerprintAsync()
    {
        await using var connection = new NpgsqlConnection(_connectionString);
        var rows = await connection.QueryAsync<string>("""
            SELECT table_name || '.' || column_name || ':' || data_type FROM information_schema.columns
            WHERE table_schema = 'public'
            UNION ALL SELECT indexname FROM pg_indexes WHERE schemaname = 'public'
            UNION ALL SELECT 'journal:' || count(*) FROM schema_migrations
            ORDER BY 1
            """);
        return string.Join('\n', rows);
    }
}
