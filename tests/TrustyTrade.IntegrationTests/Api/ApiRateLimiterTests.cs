using TrustyTrade.IntegrationTests.Infrastructure;

namespace TrustyTrade.IntegrationTests.Api;

/// <summary>The API's rate limits live in Redis, which may be lost: without it the API keeps answering.</summary>
public sealed class ApiRateLimiterTests
{
    [Fact]
    public async Task RedisDown_RequestsAreStillAnswered()
    {
        await using var host = ApiTestHost.Start(new Dictionary<string, string?>
        {
            ["Redis:Configuration"] = $"127.0.0.1:{ClosedPort.Next()},connectTimeout=200,syncTimeout=200,asyncTimeout=200",
        });

        var response = await host.GetAsync("/api/openapi.json");

        Assert.Equal(200, response.Status);
    }
}
