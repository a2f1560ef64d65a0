using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using TrustyTrade.Infrastructure.Persistence;

namespace TrustyTrade.IntegrationTests.Infrastructure;

/// <summary>
/// The one test database every integration test shares: migrated once per run, emptied by <see cref="ResetAsync"/>.
/// </summary>
public sealed class DatabaseFixture : IAsyncLifetime
{
    public string ConnectionString { get; } = TestConfiguration.PostgresConnectionString;

    public NpgsqlDataSource DataSource { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await new MigrationRunner(NullLogger<MigrationRunner>.Instance).MigrateAsync(ConnectionString, CancellationToken.None);
        DataSource = NpgsqlDataSource.Create(ConnectionString);
    }

    /// <summary>Empties every table the migrations made (not their journal), restarting identities.</summary>
    public async Task ResetAsync()
    {
        await using var command = DataSource.CreateCommand("""
            DO $$
            DECLARE tables text;
            BEGIN
              SELECT string_agg(format('%I.%I', schemaname, tablename), ', ') INTO tables
              FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'schema_migrations';
              IF tables IS NOT NULL THEN
                EXECUTE 'TRUNCATE ' || tables || ' RESTART IDENTITY CASCADE';
              END IF;
            END $$;
            """);
        await command.ExecuteNonQueryAsync();
    }

    public async Task DisposeAsync() => await DataSource.DisposeAsync();
}
