using DbUp;
using DbUp.Engine.Output;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace TrustyTrade.Infrastructure.Persistence;

/// <summary>
/// Applies the plain-SQL migrations embedded in this assembly (Persistence/Migrations/NNNN_name.sql) in order,
/// each in its own transaction, journalled in <c>schema_migrations</c>. A session-level advisory lock lets
/// several app instances start at once without racing on the same script. DbUp's own log is off because its
/// lines echo the connection target; the runner logs the scripts it applied.
/// </summary>
public sealed partial class MigrationRunner(ILogger<MigrationRunner> logger)
{
    private const string JournalTable = "schema_migrations";
    private const long AdvisoryLockKey = 0x7472_7573_7479; // "trusty"

    /// <summary>How long one statement of a migration may run: rewriting a table of a million listings takes minutes, not DbUp's 30 s.</summary>
    private static readonly TimeSpan StatementTimeout = TimeSpan.FromMinutes(30);

    /// <summary>Creates the database when it is missing, then applies every migration not yet journalled.</summary>
    /// <returns>The names of the scripts applied by this call, in order (empty when the database was current).</returns>
    public async Task<IReadOnlyList<string>> MigrateAsync(string connectionString, CancellationToken cancellationToken)
    {
        EnsureDatabase.For.PostgresqlDatabase(connectionString, new NoOpUpgradeLog());

        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (var lockCommand = new NpgsqlCommand("SELECT pg_advisory_lock(@key)", connection))
        {
            lockCommand.Parameters.AddWithValue("key", AdvisoryLockKey);
            await lockCommand.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        try
        {
            var engine = DeployChanges.To
                .PostgresqlDatabase(connectionString)
                .WithScriptsEmbeddedInAssembly(typeof(MigrationRunner).Assembly, IsMigration)
                .WithTransactionPerScript()
                .WithExecutionTimeout(StatementTimeout)
                .JournalToPostgresqlTable("public", JournalTable)
                .LogToNowhere()
                .Build();

            var result = engine.PerformUpgrade();
            if (!result.Successful)
            {
                throw new InvalidOperationException(
                    $"Migration {result.ErrorScript?.Name ?? "(unknown)"} failed: {result.Error.Message}", result.Error);
            }

            var applied = result.Scripts.Select(s => ShortName(s.Name)).ToArray();
            foreach (var name in applied)
            {
                LogApplied(name);
            }

            return applied;
        }
        finally
        {
            await using var unlockCommand = new NpgsqlCommand("SELECT pg_advisory_unlock(@key)", connection);
            unlockCommand.Parameters.AddWithValue("key", AdvisoryLockKey);
            await unlockCommand.ExecuteNonQueryAsync(CancellationToken.None).ConfigureAwait(false);
        }
    }

    /// <summary>The names of every embedded migration, in the order they apply.</summary>
    public static IReadOnlyList<string> AllMigrations() =>
        [.. typeof(MigrationRunner).Assembly.GetManifestResourceNames()
            .Where(IsMigration)
            .Order(StringComparer.Ordinal)
            .Select(ShortName)];

    private static bool IsMigration(string resourceName) =>
        resourceName.Contains(".Persistence.Migrations.", StringComparison.Ordinal)
        && resourceName.EndsWith(".sql", StringComparison.Ordinal);

    private static string ShortName(string resourceName) =>
        resourceName[(resourceName.IndexOf(".Migrations.", StringComparison.Ordinal) + ".Migrations.".Length)..];

    [LoggerMessage(Level = LogLevel.Information, Message = "Applied migration {Migration}")]
    private partial void LogApplied(string migration);
}
