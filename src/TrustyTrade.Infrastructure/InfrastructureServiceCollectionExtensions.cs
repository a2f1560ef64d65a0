using TrustyTrade.Core;
using Azure.Storage.Queues;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;
using TrustyTrade.Core.DealRecords;
using TrustyTrade.Core.Deals;
using TrustyTrade.Core.Health;
using TrustyTrade.Core.Listings;
using TrustyTrade.Core.Users;
using TrustyTrade.Infrastructure.Caching;
using TrustyTrade.Infrastructure.Persistence;
using TrustyTrade.Infrastructure.Persistence.Escrow;
using TrustyTrade.Infrastructure.Persistence.Listings;
using TrustyTrade.Infrastructure.Storage;
using TrustyTrade.Infrastructure.Vault;

namespace TrustyTrade.Infrastructure;

public static class InfrastructureServiceCollectionExtensions
{
    /// <summary>Registers the adapters to PostgreSQL, Redis and Azure Storage, with options validated at start.</summary>
    public static IServiceCollection AddTrustyTradeInfrastructure(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddValidatedOptions<PostgresOptions>(configuration.GetSection(PostgresOptions.SectionName));
        services.AddValidatedOptions<RedisOptions>(configuration.GetSection(RedisOptions.SectionName));
        services.AddValidatedOptions<StorageOptions>(configuration);

        services.AddSingleton(sp => CreateDataSource(sp.GetRequiredService<IOptions<PostgresOptions>>().Value.ConnectionString));
        services.AddSingleton<MigrationRunner>();
        services.AddHostedService<MigrateOnStartupService>();
        services.AddSingleton<IEscrowStore, PostgresEscrowStore>();
        services.AddSingleton<IListingStore, PostgresListingStore>();
        services.AddSingleton<IUserStore, PostgresUserStore>();
        services.AddSingleton<IDealRecordStore, PostgresDealRecordStore>();
        services.AddCredentialVault(configuration);

        services.AddSingleton<RedisConnection>();

        services.AddSingleton(sp => new QueueServiceClient(
            sp.GetRequiredService<IOptions<StorageOptions>>().Value.ConnectionString,
            new QueueClientOptions { Retry = { MaxRetries = 2, NetworkTimeout = TimeSpan.FromSeconds(10) } }));

        services.AddSingleton<IDependencyProbe, PostgresHealthProbe>();
        services.AddSingleton<IDependencyProbe, RedisHealthProbe>();
        services.AddSingleton<IDependencyProbe, StorageHealthProbe>();

        return services;
    }

    /// <summary>
    /// The app's connection pool. Unless the connection string says otherwise, statements the app repeats are
    /// prepared on the server, and a connection going back to the pool is not reset (the app sets no session state).
    /// </summary>
    private static NpgsqlDataSource CreateDataSource(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (!connectionString.Contains("Auto Prepare", StringComparison.OrdinalIgnoreCase))
        {
            builder.MaxAutoPrepare = 64;
            builder.AutoPrepareMinUsages = 2;
        }

        if (!connectionString.Contains("Reset On Close", StringComparison.OrdinalIgnoreCase))
        {
            builder.NoResetOnClose = true;
        }

        return NpgsqlDataSource.Create(builder.ConnectionString);
    }
}
