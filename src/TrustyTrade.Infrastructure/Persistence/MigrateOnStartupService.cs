using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace TrustyTrade.Infrastructure.Persistence;

/// <summary>Brings the database schema up to date before the app takes work.</summary>
internal sealed class MigrateOnStartupService(MigrationRunner runner, IOptions<PostgresOptions> options) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) =>
        options.Value.MigrateOnStartup
            ? runner.MigrateAsync(options.Value.ConnectionString, cancellationToken)
            : Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
