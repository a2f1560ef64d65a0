using Azure.Storage.Queues;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;
using TrustyTrade.Core.Deals;
using TrustyTrade.Core.Health;
using TrustyTrade.Infrastructure.Caching;
using TrustyTrade.Infrastructure.Persistence;
using TrustyTrade.Infrastructure.Persistence.Escrow;
using TrustyTrade.Infrastructure.Storage;

namespace TrustyTrade.Infrastructure;

public static class InfrastructureServiceCollectionExtensions
{
    /// <summary>Registers the adapters to PostgreSQL, Redis and Azure Storage, with options validated at start.</summary>
    public static IServiceCollection AddTrustyTradeInfrastructure(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddOptions<PostgresOptions>()
            .Bind(configuration.GetSection(PostgresOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddOptions<RedisOptions>()
            .Bind(configuration.GetSection(RedisOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddOptions<StorageOptions>()
            .Bind(configuration)
            .ValidateDataAnnotations()
            .ValidateOnStart();

        services.AddSingleton(sp => NpgsqlDataSource.Create(sp.GetRequiredService<IOptions<PostgresOptions>>().Value.ConnectionString));
        services.AddSingleton<MigrationRunner>();
        services.AddHostedService<MigrateOnStartupService>();
        services.AddSingleton<IEscrowStore, PostgresEscrowStore>();

        services.AddSingleton<RedisConnection>();

        services.AddSingleton(sp => new QueueServiceClient(
            sp.GetRequiredService<IOptions<StorageOptions>>().Value.ConnectionString,
            new QueueClientOptions { Retry = { MaxRetries = 2, NetworkTimeout = TimeSpan.FromSeconds(10) } }));

        services.AddSingleton<IDependencyProbe, PostgresHealthProbe>();
        services.AddSingleton<IDependencyProbe, RedisHealthProbe>();
        services.AddSingleton<IDependencyProbe, StorageHealthProbe>();

        return services;
    }
}
