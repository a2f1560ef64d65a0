using System.Text.Json;
using TrustyTrade.Functions.Api;

namespace TrustyTrade.IntegrationTests.Api;

/// <summary>
/// The OpenAPI fragments of /api/payments and /api/notifications, as embedded in the app: every route of theirs is
/// documented with its method, and every schema they name is theirs or one base.json shares.
/// </summary>
public sealed class PaymentsOpenApiTests
{
    private static readonly string[] SharedSchemas = ["Problem", "Money"];

    public static TheoryData<string> Fragments => ["payments", "notifications"];

    [Theory]
    [MemberData(nameof(Fragments))]
    public void Fragment_DocumentsEveryRouteOfItsGroup(string fragment)
    {
        // The fragment is named after its routes' first segment.
        var routePrefix = fragment + "/";
        using var document = Read(fragment);
        var paths = document.RootElement.GetProperty("paths");

        var missing = HttpRoute.All
            .Where(r => (r.Template + "/").StartsWith(routePrefix, StringComparison.Ordinal))
            .SelectMany(r => r.Methods.Select(m => (r.OpenApiPath, Method: m.ToLowerInvariant())))
            .Where(r => !paths.TryGetProperty(r.OpenApiPath, out var path) || !path.TryGetProperty(r.Method, out _))
            .Select(r => $"{r.Method} {r.OpenApiPath}").ToList();

        Assert.True(missing.Count == 0, "undocumented: " + string.Join(", ", missing));
    }

    [Theory]
    [MemberData(nameof(Fragments))]
    public void Fragment_NamesOnlySchemasItDefinesOrTheBaseShares(string fragment)
    {
        using var document = Read(fragment);
        var own = document.RootElement.GetProperty("components").GetProperty("schemas").EnumerateObject().Select(p => p.Name).ToHashSet();

        var unknown = References(document.RootElement)
            .Where(r => r.StartsWith("#/components/schemas/", StringComparison.Ordinal))
            .Select(r => r["#/components/schemas/".Length..])
            .Where(name => !own.Contains(name) && !SharedSchemas.Contains(name))
            .Distinct().ToList();

        Assert.True(unknown.Count == 0, "unknown schemas: " + string.Join(", ", unknown));
    }

    private static JsonDocument Read(string fragment)
    {
        using var stream = typeof(ApiEndpoint).Assembly.GetManifestResourceStream($"TrustyTrade.Functions.Api.OpenApi.{fragment}.json")
            ?? throw new InvalidOperationException($"{fragment}.json is not embedded");
        return JsonDocument.Parse(stream);
    }

    private static IEnumerable<string> References(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => element.EnumerateObject().SelectMany(p =>
            p.Name == "$ref" && p.Value.ValueKind == JsonValueKind.String ? [p.Value.GetString()!] : References(p.Value)),
        JsonValueKind.Array => element.EnumerateArray().SelectMany(References),
        _ => [],
    };
}
