using System.Text.Json;
using TrustyTrade.Functions.Telemetry;
using TrustyTrade.IntegrationTests.Infrastructure;

namespace TrustyTrade.IntegrationTests.Telemetry;

/// <summary>What the Functions host reads of telemetry (host.json), and what spans keep of a URL.</summary>
public sealed class TelemetryHostingTests
{
    [Fact]
    public void HostJson_JoinsTheHostsTraceAndCarriesItIntoOrchestrations()
    {
        using var host = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "host.json")));
        var tracing = host.RootElement.GetProperty("extensions").GetProperty("durableTask").GetProperty("tracing");

        Assert.Equal(
            ("OpenTelemetry", true, "V2"),
            (host.RootElement.GetProperty("telemetryMode").GetString(), tracing.GetProperty("distributedTracingEnabled").GetBoolean(), tracing.GetProperty("version").GetString()));
    }

    [Theory]
    [InlineData("https://api.telegram.org/bot123456:AAH-secret_token/sendMessage", "https://api.telegram.org/bot[redacted]/sendMessage")]
    [InlineData("https://api.telegram.org/file/bot123456:AAH-secret_token/photos/1.jpg", "https://api.telegram.org/file/bot[redacted]/photos/1.jpg")]
    [InlineData("https://rpc.example.com/v1?apikey=secret", "https://rpc.example.com/v1")]
    [InlineData("https://example.com/botany/page", "https://example.com/botany/page")]
    public void SecretRedaction_TakesTheBotTokenAndQueryOutOfUrls(string url, string recorded) =>
        Assert.Equal(recorded, SecretRedaction.Url(new Uri(url)));
}
