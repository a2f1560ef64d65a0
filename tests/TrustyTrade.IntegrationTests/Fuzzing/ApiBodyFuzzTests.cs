using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using TrustyTrade.Functions.Api;
using TrustyTrade.IntegrationTests.Api;
using TrustyTrade.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace TrustyTrade.IntegrationTests.Fuzzing;

/// <summary>
/// Every POST, PUT and PATCH route of the API sent mutated bodies (from the valid ones of the authorization matrix)
/// by callers it serves, with random Idempotency-Key, If-Match and Content-Type headers: never a 5xx, never an
/// exception, no error logged, and an answer of 400 or more leaves the stored rows as they were.
/// </summary>
[Collection(DatabaseCollectionDefinition.Name)]
public sealed class ApiBodyFuzzTests(DatabaseFixture database, ITestOutputHelper output)
{
    private const string Suite = "api-bodies";

    /// <summary>A valid request of a route is used for this many cases, then built afresh (a 2xx may have used it up).</summary>
    private const int UsesPerRequest = 20;

    private static readonly string[] Tables =
    [
        "users", "accounts", "deals", "transactions", "ledger_postings", "ledger_entries", "payouts", "disputes",
        "dispute_evidence", "deal_messages", "ratings", "api_keys", "api_idempotency", "audit_log", "idempotency_keys",
        "refresh_tokens", "crypto_invoices", "api_messages",
    ];

    private static readonly string StoredCounts =
        $"SELECT concat_ws(',', {string.Join(", ", Tables.Select(t => $"(SELECT count(*) FROM {t})"))})";

    private static readonly string StoredCountsButIdempotency =
        $"SELECT concat_ws(',', {string.Join(", ", Tables.Where(t => t != "api_idempotency").Select(t => $"(SELECT count(*) FROM {t})"))})";

    public static int Cases => FuzzSettings.Cases - TelegramUpdateFuzzTests.Cases;

    [Fact]
    public async Task HostileBodies_NeverFailOrStoreWhatWasRefused()
    {
        await database.ResetAsync();
        var logs = new CapturedLogs { MinimumLevel = LogLevel.Warning };
        await using var api = await ApiWithWorkflow.StartAsync(
            database,
            new Dictionary<string, string?> { ["Api:RequestsPerMinutePerIp"] = "100000", ["Api:RequestsPerMinutePerUser"] = "100000" },
            logs);
        var host = api.Host;
        var world = await MatrixWorld.CreateAsync(host);
        var data = new TestData(database.DataSource);
        var routes = RouteCases.All.Where(c => c.Method is "POST" or "PUT" or "PATCH" && c.Function != "TelegramWebhook").ToList();
        var requests = new Dictionary<string, (RouteRequest Request, JsonNode? Good, int Uses)>(StringComparer.Ordinal);
        var report = new FuzzReport(Suite, logs);
        // Keys are made once per caller and scope: making one stores rows, which must not count against a case.
        var credentials = new Dictionary<(CallerClass, string?), ApiCredentials>();

        for (var index = 0; index < Cases; index++)
        {
            var random = new Random(FuzzSettings.CaseSeed(Suite, index));
            var hostile = new HostileJson(random);
            var route = routes[random.Next(routes.Count)];
            if (!requests.TryGetValue(route.Function, out var cached) || cached.Uses >= UsesPerRequest)
            {
                var built = await route.Request(world);
                cached = (built, built.Body is null ? null : JsonSerializer.SerializeToNode(built.Body, built.Body.GetType(), ApiJson.Options), 0);
            }

            requests[route.Function] = cached with { Uses = cached.Uses + 1 };
            var serves = Enum.GetValues<CallerClass>().Where(c => route.Expected(c) is >= 200 and < 300).ToList();
            var caller = serves.Count == 0 ? CallerClass.Admin : hostile.Pick(serves);
            var body = random.Next(10) == 0 && cached.Good is not null
                ? JsonSerializer.SerializeToUtf8Bytes(cached.Good)
                : hostile.Mutate(cached.Good ?? new JsonObject { ["anything"] = 1 });
            var headers = Headers(hostile, cached.Request.Headers);
            var target = $"{route.Method} {cached.Request.Path} as {caller}, headers {string.Join("; ", headers.Select(h => $"{h.Key}: {Shorten(h.Value)}"))}";

            if (!credentials.TryGetValue((caller, route.Scope), out var callerCredentials))
            {
                credentials[(caller, route.Scope)] = callerCredentials = await world.CredentialsAsync(caller, route.Scope);
            }

            var before = await data.ScalarAsync<string>(StoredCounts);
            var beforeButIdempotency = await data.ScalarAsync<string>(StoredCountsButIdempotency);
            ApiResponse response;
            try
            {
                response = await host.SendAsync(route.Method, cached.Request.Path, body, callerCredentials, headers);
            }
            catch (Exception e)
            {
                report.Count("exception");
                report.Finding(index, target, body, $"threw {e}");
                continue;
            }

            report.Count(response.Status.ToString(CultureInfo.InvariantCulture));
            if (response.Status >= 500)
            {
                report.Finding(index, target, body, $"answered {Shorten(response.ToString())}");
            }

            // A 409 or 422 is the outcome of a money command: kept for its Idempotency-Key by design, nothing else stored.
            var stored = response.Status is 409 or 422 ? StoredCountsButIdempotency : StoredCounts;
            if (response.Status >= 400 && await data.ScalarAsync<string>(stored) is var after && after != (stored == StoredCounts ? before : beforeButIdempotency))
            {
                report.Finding(index, target, body, $"answered {response.Status}, yet stored rows changed ({string.Join(", ", Tables)}: {before} → {after})");
            }

            if (response.Status is >= 200 and < 300)
            {
                requests.Remove(route.Function); // what it named may be used up: the next case of the route builds a new one
            }

            report.ErrorsLogged(index, target, body);
        }

        output.WriteLine(report.Summary());
        Assert.True(report.Findings.Count == 0, report.Failure());
    }

    /// <summary>The route case's headers with Idempotency-Key, If-Match and Content-Type each kept, dropped or made hostile.</summary>
    private static Dictionary<string, string> Headers(HostileJson hostile, IReadOnlyDictionary<string, string>? valid)
    {
        var headers = new Dictionary<string, string>(valid ?? new Dictionary<string, string>(), StringComparer.OrdinalIgnoreCase);
        var random = hostile.Random;
        switch (random.Next(6))
        {
            case 0:
                headers.Remove(ApiEndpoint.IdempotencyKeyHeader);
                break;
            case 1:
                headers[ApiEndpoint.IdempotencyKeyHeader] = hostile.Pick(["", " ", "ключ", "a\u0000b", new string('k', 201), "fixed-fuzz-key", "\u202E"]);
                break;
            default:
                headers[ApiEndpoint.IdempotencyKeyHeader] = Guid.NewGuid().ToString("N");
                break;
        }

        if (random.Next(4) == 0)
        {
            headers["If-Match"] = hostile.Pick(["*", "\"0\"", "W/\"1\"", "garbage", "\"99999999999999999999\"", "\"-1\"", "", "\"\u0000\"", new string('"', 3)]);
        }

        if (random.Next(5) == 0)
        {
            headers["Content-Type"] = hostile.Pick(["text/plain", "application/json; charset=utf-16", "", "multipart/form-data; boundary=x", "application/xml", "application/json; charset=\u0000"]);
        }

        return headers;
    }

    private static string Shorten(string text) => text.Length > 200 ? text[..200] + "…" : text;
}
