namespace TrustyTrade.IntegrationTests.Api;

/// <summary>Matrix rows for the OpenAPI document and Swagger UI: open to everyone.</summary>
internal static class DocsRouteCases
{
    public static IEnumerable<RouteCase> All { get; } =
    [
        new("GetOpenApiDocument", "GET", null, _ => Path("/api/openapi.json"), 200, 200, 200, 200, 200, 200),
        new("GetApiDocs", "GET", null, _ => Path("/api/docs"), 200, 200, 200, 200, 200, 200),
        new("GetApiDocsAsset", "GET", null, _ => Path("/api/docs/swagger-ui.css"), 200, 200, 200, 200, 200, 200),
    ];

    private static Task<RouteRequest> Path(string path) => Task.FromResult(new RouteRequest(path));
}
