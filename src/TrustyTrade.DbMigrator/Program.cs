using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TrustyTrade.Infrastructure.Persistence;

// Applies the database migrations and exits: used by the run script and by deployments before the app starts.
// Reads the same settings as the app: Postgres__ConnectionString from the environment, or
// --Postgres:ConnectionString "…" on the command line.
var configuration = new ConfigurationBuilder()
    .AddEnvironmentVariables()
    .AddCommandLine(args)
    .Build();

var options = configuration.GetSection(PostgresOptions.SectionName).Get<PostgresOptions>() ?? new PostgresOptions();
var validation = new DataAnnotationValidateOptions<PostgresOptions>(null).Validate(null, options);
if (validation.Failed)
{
    await Console.Error.WriteLineAsync($"Cannot migrate: {validation.FailureMessage} (set Postgres__ConnectionString).").ConfigureAwait(false);
    return 2;
}

using var loggerFactory = LoggerFactory.Create(logging => logging.AddSimpleConsole(o => o.SingleLine = true));
var runner = new MigrationRunner(loggerFactory.CreateLogger<MigrationRunner>());
var applied = await runner.MigrateAsync(options.ConnectionString, CancellationToken.None).ConfigureAwait(false);
Console.WriteLine(applied.Count == 0
    ? "Database is up to date."
    : $"Applied {applied.Count} migration(s): {string.Join(", ", applied)}");
return 0;
