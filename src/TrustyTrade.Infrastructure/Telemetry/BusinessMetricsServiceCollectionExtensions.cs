using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using TrustyTrade.Core;
using TrustyTrade.Core.Telemetry;

namespace TrustyTrade.Infrastructure.Telemetry;

internal static class BusinessMetricsServiceCollectionExtensions
{
    /// <summary>Queue depths, the Redis mirror of the business counters (started with the host) and the Prometheus scrape.</summary>
    public static IServiceCollection AddBusinessMetrics(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<MetricsOptions>(configuration.GetSection(MetricsOptions.SectionName));
        services.AddSingleton<IQueueDepths, StorageQueueDepths>();
        services.AddSingleton<RedisMetricMirror>();
        services.AddHostedService(sp => sp.GetRequiredService<RedisMetricMirror>());
        services.AddSingleton<MetricsScrape>();
        return services;
    }
}
