using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using TrustyTrade.Functions.Api;
using TrustyTrade.IntegrationTests.Infrastructure;

namespace TrustyTrade.IntegrationTests.Api;

/// <summary>
/// What every route gets from ApiEndpoint, shown on a handler that counts its runs: Idempotency-Key replays, size
/// and type limits, rate limits, and failures as problem+json — over the real PostgreSQL and Redis.
/// </summary>
[Collection(DatabaseCollectionDefinition.Name)]
public sealed class ApiEndpointTests : IAsyncLifetime
{
    private ApiTestHost _host = null!;
    private ApiCredentials _user = null!;
    private int _runs;

    public async Task InitializeAsync()
    {
        _host = ApiTestHost.Start(new Dictionary<string, string?> { ["Api:RequestsPerMinutePerUser"] = "5", ["Api:MaxBodyBytes"] = "2048" });
        _user = await _host.UserAsync();
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task MoneyRouteWithoutIdempotencyKey_Is400AndDoesNothing()
    {
        var (status, _, type, _) = await SendAsync("""{"amount":1}""", key: null);

        Assert.Equal((400, "idempotency-key-required", 0), (status, type, _runs));
    }

    [Fact]
    public async Task SameKeyTwice_RunsOnceAndReplaysTheAnswer()
    {
        var first = await SendAsync("""{"amount":1}""", "key-1");
        var second = await SendAsync("""{"amount":1}""", "key-1");

        Assert.Equal(1, _runs);
        Assert.Equal(first.Body, second.Body);
        Assert.Equal("true", second.Headers[ApiEndpoint.ReplayedHeader].ToString());
    }

    [Fact]
    public async Task SameKeyWithAnotherBody_Is422()
    {
        await SendAsync("""{"amount":1}""", "key-2");

        var (status, _, type, _) = await SendAsync("""{"amount":2}""", "key-2");

        Assert.Equal((422, "idempotency-key-reused", 1), (status, type, _runs));
    }

    [Fact]
    public async Task KeysAreSeparatePerCaller()
    {
        await SendAsync("""{"amount":1}""", "key-3");
        _user = await _host.UserAsync();

        await SendAsync("""{"amount":1}""", "key-3");

        Assert.Equal(2, _runs);
    }

    [Fact]
    public async Task FailureOnOurSide_Is500ProblemAndFreesTheKeyForARetry()
    {
        var failing = await SendAsync("""{"amount":1}""", "key-4", fail: true);
        var retry = await SendAsync("""{"amount":1}""", "key-4");

        Assert.Equal((500, "internal"), (failing.Status, failing.Type));
        Assert.Equal(200, retry.Status);
        Assert.DoesNotContain("Exception", failing.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StaleVersionAnswer_IsNotKeptSoTheSameKeyRunsAgainOnceFixed()
    {
        var stale = await SendAsync("""{"amount":1}""", "key-7", answer: ApiProblem.Of(412, "version-mismatch", "The resource changed"));
        var retry = await SendAsync("""{"amount":1}""", "key-7");

        Assert.Equal((412, 200, 2), (stale.Status, retry.Status, _runs));
    }

    [Fact]
    public async Task RefusalOfTheOutcome_IsKeptForTheKey()
    {
        await SendAsync("""{"amount":1}""", "key-8", answer: ApiProblem.Conflict("insufficient-balance", "not enough"));
        var retry = await SendAsync("""{"amount":1}""", "key-8");

        Assert.Equal((409, 1), (retry.Status, _runs));
    }

    [Fact]
    public async Task BodyOverTheLimit_Is413()
    {
        var (status, _, type, _) = await SendAsync($$"""{"amount":"{{new string('1', 3000)}}"}""", "key-5");

        Assert.Equal((413, "body-too-large", 0), (status, type, _runs));
    }

    [Fact]
    public async Task BodyThatIsNotJson_Is415()
    {
        var (status, _, type, _) = await SendAsync("amount=1", "key-6", contentType: "application/x-www-form-urlencoded");

        Assert.Equal((415, "unsupported-media-type"), (status, type));
    }

    [Fact]
    public async Task OverTheUsersRateLimit_Is429WithRetryAfter()
    {
        var statuses = new List<int>();
        for (var i = 0; i < 6; i++)
        {
            statuses.Add((await _host.GetAsync("/api/me", _user)).Status);
        }

        var limited = await _host.GetAsync("/api/me", _user);

        Assert.Equal([200, 200, 200, 200, 200, 429], statuses);
        Assert.Equal("rate-limited", limited.ProblemType);
        Assert.InRange(int.Parse(limited.Headers.RetryAfter.ToString(), System.Globalization.CultureInfo.InvariantCulture), 1, 60);
    }

    [Fact]
    public async Task OverTheAddressRateLimit_Is429EvenWithoutSigningIn()
    {
        await using var host = ApiTestHost.Start(new Dictionary<string, string?> { ["Api:RequestsPerMinutePerIp"] = "3" });
        var statuses = new List<int>();
        for (var i = 0; i < 4; i++)
        {
            statuses.Add((await host.GetAsync("/api/openapi.json")).Status);
        }

        Assert.Equal([200, 200, 200, 429], statuses);
    }

    [Fact]
    public void ClientIp_IsTheLastForwardedAddressWithoutItsPort()
    {
        var context = new DefaultHttpContext();
        context.Request.Headers["X-Forwarded-For"] = "6.6.6.6, 203.0.113.7:50123";

        Assert.Equal("203.0.113.7", ApiEndpoint.ClientIp(context.Request));
    }

    private async Task<(int Status, string? Body, string? Type, IHeaderDictionary Headers)> SendAsync(
        string body, string? key, bool fail = false, string contentType = "application/json", ApiProblem? answer = null)
    {
        var context = new DefaultHttpContext { RequestServices = _host.Services };
        context.Request.Method = "POST";
        context.Request.Path = "/api/test";
        context.Request.Headers.Authorization = "Bearer " + _user.Bearer;
        context.Request.Headers["X-Forwarded-For"] = _host.ClientIp;
        context.Request.ContentType = contentType;
        var bytes = Encoding.UTF8.GetBytes(body);
        context.Request.Body = new MemoryStream(bytes);
        context.Request.ContentLength = bytes.Length;
        if (key is not null)
        {
            context.Request.Headers[ApiEndpoint.IdempotencyKeyHeader] = key;
        }

        var result = (ContentResult)await _host.Get<ApiEndpoint>().RunAsync(context.Request, ApiAccess.SignedIn().WithMoney(), call =>
        {
            Interlocked.Increment(ref _runs);
            return fail ? throw new InvalidOperationException("boom")
                : Task.FromResult(answer is null ? ApiResult.Ok(new { run = _runs, at = Guid.NewGuid() }) : ApiResult.Problem(answer));
        }, CancellationToken.None);
        var type = result.ContentType?.StartsWith("application/problem+json", StringComparison.Ordinal) == true
            ? System.Text.Json.JsonDocument.Parse(result.Content!).RootElement.GetProperty("type").GetString()!["urn:trustytrade:problem:".Length..]
            : null;
        return (result.StatusCode!.Value, result.Content, type, context.Response.Headers);
    }
}
