using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace TrustyTrade.Core;

public static class OptionsServiceCollectionExtensions
{
    /// <summary>Binds options from a configuration section and validates their data annotations when the app starts.</summary>
    public static IServiceCollection AddValidatedOptions<TOptions>(this IServiceCollection services, IConfiguration section)
        where TOptions : class
    {
        services.AddOptions<TOptions>().Bind(section).ValidateDataAnnotations().ValidateOnStart();
        return services;
    }
}
