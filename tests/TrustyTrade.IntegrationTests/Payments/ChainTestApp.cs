using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using TrustyTrade.Core;
using TrustyTrade.Core.Payments.Crypto;
using TrustyTrade.Infrastructure;
using TrustyTrade.IntegrationTests.Infrastructure;
using TrustyTrade.TestSupport;

namespace TrustyTrade.IntegrationTests.Payments;

/// <summary>
/// The app's services with the chain on, over the shared dev chain (ganache): a token of this test's own (so other
/// tests' traffic is not its transfers), the configured confirmations, and a hot wallet key.
/// </summary>
internal sealed class ChainTestApp : IAsyncDisposable
{
    private ChainTestApp(DevChain chain, string token, ServiceProvider services)
    {
        Chain = chain;
        Token = token;
        Services = services;
    }

    public DevChain Chain { get; }

    public string Token { get; }

    public ServiceProvider Services { get; }

    /// <param name="time">The clock the app's services see.</param>
    /// <param name="confirmations">Chain:Confirmations.</param>
    /// <param name="hotWalletKey">Chain:HotWalletKey; by default ganache's first account (required when on, spent only by payouts).</param>
    public static async Task<ChainTestApp> StartAsync(TimeProvider time, int confirmations, Func<DevChain, Task<string>>? hotWalletKey = null)
    {
        var chain = await DevChain.StartAsync(TestConfiguration.Build()["Chain:RpcUrl"]);
        var token = await chain.DeployTokenAsync();
        var configuration = TestConfiguration.Build(new Dictionary<string, string?>
        {
            ["Chain:Enabled"] = "true",
            ["Chain:TokenContract"] = token,
            ["Chain:Confirmations"] = confirmations.ToString(CultureInfo.InvariantCulture),
            ["Chain:HotWalletKey"] = hotWalletKey is null ? DevChain.FunderPrivateKey : await hotWalletKey(chain),
        });
        var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton(time)
            .AddTrustyTradeCore(configuration)
            .AddTrustyTradeInfrastructure(configuration)
            .BuildServiceProvider();
        return new ChainTestApp(chain, token, services);
    }

    public T Get<T>()
        where T : notnull => Services.GetRequiredService<T>();

    /// <summary>Runs the scheduled tick of the chain poller, as the queue trigger would.</summary>
    public async Task PollAsync()
    {
        var cursor = await Get<IChainPaymentStore>().GetCursorAsync(CancellationToken.None)
            ?? throw new InvalidOperationException("no cursor: no invoice was opened");
        await Get<ChainPaymentPoller>().PollAsync(cursor.ScheduledTick, null, CancellationToken.None);
    }

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        Chain.Dispose();
    }
}
