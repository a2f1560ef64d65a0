using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TrustyTrade.Core;
using TrustyTrade.Core.Payments.Chain;

namespace TrustyTrade.Infrastructure.Chain;

public static class ChainServiceCollectionExtensions
{
    /// <summary>
    /// Registers the chain client with its options validated at start. With Chain:Enabled false (the default) the
    /// options still bind and validate, and the client is made only if something asks for it, which then fails.
    /// </summary>
    public static IServiceCollection AddChain(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddValidatedOptions<ChainOptions>(configuration.GetSection(ChainOptions.SectionName));
        services.AddSingleton(sp => new NethereumChainClient(sp.GetRequiredService<IOptions<ChainOptions>>()));
        services.AddSingleton<IChainClient>(sp => sp.GetRequiredService<NethereumChainClient>());
        return services;
    }
}
