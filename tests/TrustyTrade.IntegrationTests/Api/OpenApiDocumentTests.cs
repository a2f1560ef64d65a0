using System.Text.Json;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;

namespace TrustyTrade.IntegrationTests.Api;

/// <summary>The OpenAPI document the app serves, held against the routes in the generated functions.metadata.</summary>
public sealed class OpenApiDocumentTests : IAsyncLifetime
{
    private ApiTestHost _host = null!;
    private JsonElement _document;

    public async Task InitializeAsync()
    {
        _host = ApiTestHost.Start();
        _document = (await _host.GetAsync("/api/openapi.json")).Json;
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public void EveryHttpRoute_IsDocumentedWithItsMethods()
    {
        var paths = _document.GetProperty("paths");
        var missing = HttpRoute.All
            .SelectMany(r => r.Methods.Select(m => (Path: r.OpenApiPath, Method: m.ToLowerInvariant(), r.Function)))
            .Where(o => !paths.TryGetProperty(o.Path, out var operations) || !operations.TryGetProperty(o.Method, out _))
            .Select(o => $"{o.Function} ({o.Method} {o.Path})")
            .ToList();

        Assert.True(missing.Count == 0, "undocumented routes: " + string.Join(", ", missing));
    }

    [Fact]
    public void EveryDocumentedOperation_IsARoute()
    {
        var routes = HttpRoute.All.SelectMany(r => r.Methods.Select(m => $"{m.ToLowerInvariant()} {r.OpenApiPath}")).ToHashSet(StringComparer.Ordinal);
        var stale = _document.GetProperty("paths").EnumerateObject()
            .SelectMany(p => p.Value.EnumerateObject().Select(o => $"{o.Name} {p.Name}"))
            .Where(o => !routes.Contains(o))
            .ToList();

        Assert.True(stale.Count == 0, "documented but not routed: " + string.Join(", ", stale));
    }

    [Fact]
    public async Task Document_IsValidOpenApi3WithEveryReferenceResolved()
    {
        var json = (await _host.GetAsync("/api/openapi.json")).Body!;
        var settings = new OpenApiReaderSettings();
        settings.AddJsonReader();

        var result = OpenApiDocument.Parse(json, "json", settings);

        Assert.Empty(result.Diagnostic!.Errors);
        Assert.Equal(OpenApiSpecVersion.OpenApi3_0, result.Diagnostic.SpecificationVersion);
        var unresolved = FindReferences(JsonDocument.Parse(json).RootElement)
            .Where(r => !Resolves(r))
            .ToList();
        Assert.True(unresolved.Count == 0, "unresolved $ref: " + string.Join(", ", unresolved));
    }

    [Fact]
    public async Task DocsPage_LoadsSwaggerUiFromTheAppOverTheDocument()
    {
        var page = await _host.GetAsync("/api/docs");
        var script = await _host.GetAsync("/api/docs/swagger-ui-bundle.js");

        Assert.Contains("url: \"/api/openapi.json\"", page.Body, StringComparison.Ordinal);
        Assert.Contains("SwaggerUIBundle", script.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DocsAsset_IsPassedOnGzippedToAClientThatTakesGzip()
    {
        var response = await _host.SendAsync("GET", "/api/docs/swagger-ui.css", headers: new Dictionary<string, string> { ["Accept-Encoding"] = "gzip, br" });

        Assert.Equal("gzip", response.Headers.ContentEncoding.ToString());
    }

    [Fact]
    public async Task DocsAsset_OutsideTheListIsNotServed()
    {
        var response = await _host.GetAsync("/api/docs/index.js");

        Assert.Equal(404, response.Status);
    }

    private bool Resolves(string reference)
    {
        var node = _document;
        foreach (var part in reference.TrimStart('#', '/').Split('/'))
        {
            if (!node.TryGetProperty(part, out node))
            {
                return false;
            }
        }

        return true;
    }

    private static IEnumerable<string> FindReferences(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => element.EnumerateObject().SelectMany(p =>
            p.Name == "$ref" && p.Value.ValueKind == JsonValueKind.String ? [p.Value.GetString()!] : FindReferences(p.Value)),
        JsonValueKind.Array => element.EnumerateArray().SelectMany(FindReferences),
        _ => [],
    };
}
