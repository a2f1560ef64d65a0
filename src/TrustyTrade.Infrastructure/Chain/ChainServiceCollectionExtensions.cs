using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TrustyTrade.Core.Payments.Chain;

namespace TrustyTrade.Infrastructure.Chain;

public static class ChainServiceCollectionExtensions
{
    /// <summary>
    /// Registers the chain client (its options are Core's, validated at start). With Chain:Enabled false (the default)
    /// the client is <see cref="ChainOff"/>: everything that holds one can be made, and any call says the chain is off.
    /// </summary>
    public static IServiceCollection AddChain(this IServiceCollection services)
    {
        services.AddSingleton<IChainClient>(sp => sp.GetRequiredService<IOptions<ChainOptions>>().Value.Enabled
            ? new NethereumChainClient(sp.GetRequiredService<IOptions<ChainOptions>>())
            : new ChainOff());
        return services;
    }
}
