using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using TrustyTrade.Functions.Api;
using TrustyTrade.IntegrationTests.Infrastructure;

namespace TrustyTrade.IntegrationTests.Api;

/// <summary>
/// Every POST, PUT and PATCH route that takes a body, sent broken bodies by a caller it would otherwise serve: each
/// answer is a 4xx problem+json, never a 5xx. The routes and their good bodies come from the authorization matrix.
/// </summary>
[Collection(DatabaseCollectionDefinition.Name)]
public sealed class MalformedBodyTests(DatabaseFixture database) : IAsyncLifetime
{
    private static int _emptied;

    // Telegram's webhook is not the API: it answers Telegram, and its own tests cover bodies that are not updates.
    private static readonly string[] NotApi = ["TelegramWebhook"];

    private ApiWithWorkflow _api = null!;
    private ApiTestHost _host = null!;
    private MatrixWorld _world = null!;

    public static TheoryData<string, string> Rows
    {
        get
        {
            var rows = new TheoryData<string, string>();
            foreach (var routeCase in RouteCases.All.Where(c => c.Method is "POST" or "PUT" or "PATCH" && !NotApi.Contains(c.Function)))
            {
                foreach (var variant in Variants.Keys)
                {
                    rows.Add(routeCase.Function, variant);
                }
            }

            return rows;
        }
    }

    private static Dictionary<string, Func<JsonNode?, byte[]>> Variants { get; } = new(StringComparer.Ordinal)
    {
        ["unclosed"] = _ => "{"u8.ToArray(),
        ["array"] = _ => "[]"u8.ToArray(),
        ["null"] = _ => "null"u8.ToArray(),
        ["string"] = _ => "\"text\""u8.ToArray(),
        ["empty object"] = _ => "{}"u8.ToArray(),
        ["unknown member"] = good => Bytes(With(good, o => o["unexpectedMember"] = 1)),
        ["every member an object"] = good => Bytes(With(good, o =>
        {
            foreach (var name in o.Select(p => p.Key).ToList())
            {
                o[name] = new JsonObject { ["nested"] = new JsonArray() };
            }
        })),
        ["every member a huge number"] = good => Bytes(With(good, o =>
        {
            foreach (var name in o.Select(p => p.Key).ToList())
            {
                o[name] = JsonNode.Parse("1e400");
            }
        })),
        ["invalid utf-8"] = _ => [(byte)'{', (byte)'"', 0xC3, 0x28, (byte)'"', (byte)':', (byte)'1', (byte)'}'],
        ["too large"] = _ => Encoding.UTF8.GetBytes($$"""{"x":"{{new string('a', 70_000)}}"}"""),
    };

    public async Task InitializeAsync()
    {
        // Rows keep one another's data (emptying per row would cost more than the rows); the first row of a run
        // empties what earlier classes or runs left, whose users could share telegram ids with TestData's.
        if (Interlocked.Exchange(ref _emptied, 1) == 0)
        {
            await database.ResetAsync();
        }

        // The deal routes take a DurableTaskClient: the workflow host gives one.
        _api = await ApiWithWorkflow.StartAsync(
            database, new Dictionary<string, string?> { ["Api:RequestsPerMinutePerIp"] = "100000", ["Api:RequestsPerMinutePerUser"] = "100000" });
        _host = _api.Host;
        _world = await MatrixWorld.CreateAsync(_host);
    }

    public async Task DisposeAsync() => await _api.DisposeAsync();

    [Theory]
    [MemberData(nameof(Rows))]
    public async Task BrokenBody_Is4xxProblem(string function, string variant)
    {
        var routeCase = RouteCases.All.Single(c => c.Function == function);
        var caller = Enum.GetValues<CallerClass>().Cast<CallerClass?>().FirstOrDefault(c => routeCase.Expected(c!.Value) is >= 200 and < 300) ?? CallerClass.Admin;
        var request = await routeCase.Request(_world);
        var good = request.Body is null ? null : JsonSerializer.SerializeToNode(request.Body, request.Body.GetType(), ApiJson.Options);
        var headers = new Dictionary<string, string>(request.Headers ?? new Dictionary<string, string>())
        {
            [ApiEndpoint.IdempotencyKeyHeader] = Guid.NewGuid().ToString("N"),
        };

        var response = await _host.SendAsync(
            routeCase.Method, request.Path, Variants[variant](good), await _world.CredentialsAsync(caller, routeCase.Scope), headers);

        Assert.True(response.Status is >= 400 and < 500 && response.ProblemType is not null, $"{function} with {variant} body as {caller}: {response}");
    }

    private static JsonObject With(JsonNode? good, Action<JsonObject> change)
    {
        var copy = good?.DeepClone() as JsonObject ?? new JsonObject { ["anything"] = 1 };
        change(copy);
        return copy;
    }

    private static byte[] Bytes(JsonNode node) => Encoding.UTF8.GetBytes(node.ToJsonString());
}
