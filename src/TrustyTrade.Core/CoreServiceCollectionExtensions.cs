using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using TrustyTrade.Core.DealRecords;
using TrustyTrade.Core.Deals;
using TrustyTrade.Core.Health;
using TrustyTrade.Core.Listings;
using TrustyTrade.Core.Users;

namespace TrustyTrade.Core;

public static class CoreServiceCollectionExtensions
{
    /// <summary>Registers the domain and use cases, with their options bound and validated at start.</summary>
    public static IServiceCollection AddTrustyTradeCore(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.TryAddSingleton(TimeProvider.System);

        services.AddOptions<HealthOptions>()
            .Bind(configuration.GetSection(HealthOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<HealthCheckService>();

        services.AddOptions<EscrowOptions>()
            .Bind(configuration.GetSection(EscrowOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<DealService>();

        services.AddOptions<ListingOptions>()
            .Bind(configuration.GetSection(ListingOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<ListingService>();
        services.AddSingleton<UserService>();
        services.AddSingleton<DealRecordService>();

        return services;
    }
}
