using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TrustyTrade.Core;
using TrustyTrade.Infrastructure.Storage;

namespace TrustyTrade.IntegrationTests.Hosting;

/// <summary>The storage account from a connection string locally, or by name and managed identity in Azure (as infra/ sets it).</summary>
public sealed class StorageSettingsTests
{
    [Fact]
    public void AccountNameOnly_QueuesGoToTheAccountsEndpointWithoutAKey()
    {
        var queues = new StorageQueues(Bind(new() { ["AzureWebJobsStorage:accountName"] = "sttrustytradeprod" }));

        Assert.Equal(new Uri("https://sttrustytradeprod.queue.core.windows.net/"), queues.Service.Uri);
    }

    [Fact]
    public void ConnectionString_IsUsedAsItIs()
    {
        var queues = new StorageQueues(Bind(new() { ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true" }));

        Assert.Equal("devstoreaccount1", queues.Service.AccountName);
    }

    [Fact]
    public void Neither_FailsValidationAtStart() =>
        Assert.Throws<OptionsValidationException>(() => Bind([]).Value);

    private static IOptions<StorageOptions> Bind(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection()
            .AddValidatedOptions<StorageOptions>(configuration)
            .BuildServiceProvider()
            .GetRequiredService<IOptions<StorageOptions>>();
    }
}
