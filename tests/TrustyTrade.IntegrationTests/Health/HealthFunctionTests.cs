using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using TrustyTrade.Core;
using TrustyTrade.Functions.Health;
using TrustyTrade.Infrastructure;
using TrustyTrade.IntegrationTests.Infrastructure;

namespace TrustyTrade.IntegrationTests.Health;

/// <summary>The health function invoked directly, wired to the real PostgreSQL, Redis and Azurite.</summary>
public sealed class HealthFunctionTests
{
    private const string AzuriteAccountKey =
        "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private const string ProbeTimeoutKey = "Health:ProbeTimeoutMilliseconds";

    // The healthy dependencies must answer in time even when this is the first test of a cold run on a busy 2-core
    // box (first connection, JIT): the default 2 s was missed there once. A closed port still fails at once.
    private const string GenerousProbeTimeout = "15000";

    [Fact]
    public async Task GetHealth_AllServicesUp_Returns200WithEachHealthy()
    {
        var (status, body) = await InvokeAsync(new() { [ProbeTimeoutKey] = GenerousProbeTimeout });

        Assert.Equal(StatusCodes.Status200OK, status);
        Assert.Equal("healthy", body.GetProperty("status").GetString());
        Assert.Equal(
            ["postgres", "redis", "storage"],
            body.GetProperty("checks").EnumerateObject().Where(c => c.Value.GetProperty("status").GetString() == "healthy")
                .Select(c => c.Name).Order());
    }

    public static TheoryData<string, string, string> DownDependencies => new()
    {
        { "redis", "Redis:Configuration", "127.0.0.1:{port}" },
        { "postgres", "Postgres:ConnectionString", "Host=127.0.0.1;Port={port};Database=x;Username=x;Password=x" },
        {
            "storage", "AzureWebJobsStorage",
            $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={AzuriteAccountKey};QueueEndpoint=http://127.0.0.1:{{port}}/devstoreaccount1"
        },
    };

    [Theory]
    [MemberData(nameof(DownDependencies))]
    public async Task GetHealth_OneServiceOnAClosedPort_Returns503NamingOnlyIt(string name, string key, string value)
    {
        var (status, body) = await InvokeAsync(new()
        {
            [key] = value.Replace("{port}", $"{ClosedPort.Next()}", StringComparison.Ordinal),
            [ProbeTimeoutKey] = GenerousProbeTimeout,
        });

        Assert.Equal(StatusCodes.Status503ServiceUnavailable, status);
        Assert.Equal([name], body.GetProperty("down").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task GetHealth_RedisDown_AnswersWithinTheProbeTimeoutNotTheClientDefaults()
    {
        var stopwatch = Stopwatch.StartNew();
        await InvokeAsync(new()
        {
            ["Redis:Configuration"] = $"127.0.0.1:{ClosedPort.Next()}",
            [ProbeTimeoutKey] = "300",
        });
        stopwatch.Stop();

        // StackExchange.Redis alone waits 5 s to connect and 5 s per command; the answer (and disposing the app's
        // services) must not wait for either. Generous slack for a busy CI box.
        Assert.InRange(stopwatch.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(3));
    }

    private static async Task<(int Status, JsonElement Body)> InvokeAsync(Dictionary<string, string?>? overrides = null)
    {
        var configuration = TestConfiguration.Build(overrides);
        await using var services = new ServiceCollection()
            .AddLogging()
            .AddTrustyTradeCore(configuration)
            .AddTrustyTradeInfrastructure(configuration)
            .BuildServiceProvider();
        var function = ActivatorUtilities.CreateInstance<HealthFunction>(services);
        var context = new DefaultHttpContext { RequestServices = services };
        context.Request.Method = HttpMethods.Get;
        context.Request.Path = "/api/health";

        var result = Assert.IsType<ContentResult>(await function.GetHealth(context.Request, CancellationToken.None));

        Assert.StartsWith("application/json", result.ContentType, StringComparison.Ordinal);
        using var document = JsonDocument.Parse(result.Content!);
        return (result.StatusCode!.Value, document.RootElement.Clone());
    }
}
