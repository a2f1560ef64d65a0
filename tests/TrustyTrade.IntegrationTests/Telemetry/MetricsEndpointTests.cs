using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using TrustyTrade.Core;
using TrustyTrade.Infrastructure;
using TrustyTrade.Infrastructure.Telemetry;
using TrustyTrade.IntegrationTests.Infrastructure;

namespace TrustyTrade.IntegrationTests.Telemetry;

/// <summary><c>GET /api/metrics</c> opens only to its scrape key.</summary>
[Collection(DatabaseCollectionDefinition.Name)]
public sealed class MetricsEndpointTests
{
    private const string Key = "metrics-endpoint-test-key-0123456789abcdef";

    [Theory]
    [InlineData(null)]
    [InlineData("Bearer wrong-key-wrong-key-wrong-key-wrong-key")]
    [InlineData("Bearer " + Key + "x")]
    [InlineData("Basic " + Key)]
    [InlineData(Key)]
    public async Task WithoutTheKey_Is401AndSaysHowToAuthenticate(string? authorization)
    {
        await using var services = Services(Key);

        var result = await ScriptedDeal.ScrapeAsync(services, authorization);

        Assert.Equal(401, Assert.IsType<UnauthorizedResult>(result).StatusCode);
    }

    [Fact]
    public async Task WithTheKey_AnswersThePrometheusTextFormat()
    {
        await using var services = Services(Key);

        var result = Assert.IsType<ContentResult>(await ScriptedDeal.ScrapeAsync(services, "Bearer " + Key));

        Assert.Equal(
            ("text/plain; version=0.0.4; charset=utf-8", true),
            (result.ContentType, result.Content!.Contains("# TYPE trustytrade_deals gauge\n", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task WithNoKeyConfigured_IsOff()
    {
        await using var services = Services("");

        Assert.IsType<NotFoundResult>(await ScriptedDeal.ScrapeAsync(services, "Bearer " + Key));
    }

    [Theory]
    [InlineData("short")]
    [InlineData("0123456789012345678901234567890")]
    public void ATooShortKey_FailsValidationAtStart(string key)
    {
        using var services = Services(key);

        Assert.Throws<Microsoft.Extensions.Options.OptionsValidationException>(() =>
            services.GetRequiredService<Microsoft.Extensions.Options.IOptions<MetricsOptions>>().Value);
    }

    private static ServiceProvider Services(string key)
    {
        var configuration = TestConfiguration.Build(new Dictionary<string, string?>
        {
            ["Metrics:ScrapeKey"] = key,
            ["Metrics:RedisKeyPrefix"] = $"tt:metrics-test:{Guid.NewGuid():N}:",
        });
        return new ServiceCollection()
            .AddLogging()
            .AddTrustyTradeCore(configuration)
            .AddTrustyTradeInfrastructure(configuration)
            .BuildServiceProvider();
    }
}
