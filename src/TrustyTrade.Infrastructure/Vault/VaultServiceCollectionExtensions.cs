using TrustyTrade.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using TrustyTrade.Core.Vault;

namespace TrustyTrade.Infrastructure.Vault;

public static class VaultServiceCollectionExtensions
{
    /// <summary>Registers the AES-256-GCM credential vault with its keys validated at start.</summary>
    public static IServiceCollection AddCredentialVault(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddValidatedOptions<VaultOptions>(configuration.GetSection(VaultOptions.SectionName));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<VaultOptions>, VaultOptionsValidator>());
        services.AddSingleton<ICredentialVault, AesGcmCredentialVault>();
        return services;
    }
}
