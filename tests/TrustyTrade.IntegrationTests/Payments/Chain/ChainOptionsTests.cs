using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TrustyTrade.Core;
using TrustyTrade.Core.Payments.Chain;
using TrustyTrade.Infrastructure.Chain;
using TrustyTrade.IntegrationTests.Infrastructure;

namespace TrustyTrade.IntegrationTests.Payments.Chain;

public sealed class ChainOptionsTests
{
    private const string SecretUrl = "wss://provider.example/v3/secret-api-key";

    /// <summary>ganache's deterministic public test key: a well-formed key worth nothing.</summary>
    private const string HotWalletKey = "0x4f3edf983ac636a65a842ce7c78d9aa706d3b113bce9c46f30d7d21715b23b1d";

    [Fact]
    public void Validate_OffWithoutTokenContract_Passes()
    {
        Assert.Null(StartupError(new() { ["Chain:Enabled"] = "false", ["Chain:TokenContract"] = "" }));
    }

    [Fact]
    public void Validate_OnWithoutTokenContract_FailsAtStart()
    {
        var error = StartupError(new() { ["Chain:Enabled"] = "true", ["Chain:TokenContract"] = "" });

        Assert.Contains("Chain:TokenContract", error?.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_OnWithABadRpcUrl_FailsWithoutShowingIt()
    {
        var error = StartupError(new()
        {
            ["Chain:Enabled"] = "true",
            ["Chain:RpcUrl"] = SecretUrl,
            ["Chain:TokenContract"] = "0x5fbdb2315678afecb367f032d93f642f64180aa3",
        });

        Assert.NotNull(error);
        Assert.DoesNotContain("secret-api-key", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddChain_WhenOff_ResolvesAClientThatRefusesEveryCall()
    {
        using var services = Services(new() { ["Chain:Enabled"] = "false" });

        var client = services.GetRequiredService<IChainClient>();

        Assert.Throws<InvalidOperationException>(() => client.CreateKey());
    }

    [Fact]
    public void Validate_OnWithABadHotWalletKey_FailsWithoutShowingIt()
    {
        var error = StartupError(new()
        {
            ["Chain:Enabled"] = "true",
            ["Chain:TokenContract"] = "0x5fbdb2315678afecb367f032d93f642f64180aa3",
            ["Chain:HotWalletKey"] = "0xnot-a-key-but-secret-anyway",
        });

        Assert.Contains("Chain:HotWalletKey", error?.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-anyway", error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddChain_WhenOn_ResolvesTheNethereumClient()
    {
        using var services = Services(new()
        {
            ["Chain:Enabled"] = "true",
            ["Chain:TokenContract"] = "0x5fbdb2315678afecb367f032d93f642f64180aa3",
            ["Chain:HotWalletKey"] = HotWalletKey,
        });

        Assert.IsType<NethereumChainClient>(services.GetRequiredService<IChainClient>());
    }

    [Fact]
    public async Task NethereumChainClient_NodeDown_ErrorDoesNotShowTheUrlsSecretPath()
    {
        using var client = new NethereumChainClient(Options.Create(new ChainOptions
        {
            Enabled = true,
            RpcUrl = $"http://127.0.0.1:{ClosedPort.Next()}/v3/secret-api-key",
            TokenContract = "0x5fbdb2315678afecb367f032d93f642f64180aa3",
        }));

        var error = await Record.ExceptionAsync(() => client.GetHeadBlockAsync(CancellationToken.None));

        Assert.NotNull(error);
        Assert.DoesNotContain("secret-api-key", error.ToString(), StringComparison.Ordinal);
    }

    private static Exception? StartupError(Dictionary<string, string?> overrides)
    {
        using var services = Services(overrides);
        return Record.Exception(() => services.GetRequiredService<IStartupValidator>().Validate());
    }

    private static ServiceProvider Services(Dictionary<string, string?> overrides) =>
        new ServiceCollection()
            .AddValidatedOptions<ChainOptions>(TestConfiguration.Build(overrides).GetSection(ChainOptions.SectionName))
            .AddChain()
            .BuildServiceProvider();
}
