using System.IO.Compression;
using System.Reflection;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace TrustyTrade.Functions.Api.Docs;

/// <summary>
/// <c>/api/openapi.json</c> and <c>/api/docs</c>: the OpenAPI document and Swagger UI over it. Swagger UI's files come
/// from the Swashbuckle package's embedded swagger-ui-dist, served by the app itself (no CDN).
/// </summary>
public sealed class DocsApi(ApiEndpoint api)
{
    private const string SwaggerUiPrefix = "Swashbuckle.AspNetCore.SwaggerUI.node_modules.swagger_ui_dist.";
    private static readonly Assembly SwaggerUi = Assembly.Load("Swashbuckle.AspNetCore.SwaggerUI");

    /// <summary>The files the page loads, and their types: nothing else in the package is served.</summary>
    private static readonly Dictionary<string, string> Assets = new(StringComparer.Ordinal)
    {
        ["swagger-ui.css"] = "text/css; charset=utf-8",
        ["swagger-ui-bundle.js"] = "text/javascript; charset=utf-8",
        ["swagger-ui-standalone-preset.js"] = "text/javascript; charset=utf-8",
        ["favicon-32x32.png"] = "image/png",
    };

    private const string Page = """
        <!DOCTYPE html>
        <html lang="en">
        <head>
          <meta charset="utf-8">
          <title>TrustyTrade API</title>
          <link rel="stylesheet" href="/api/docs/swagger-ui.css">
          <link rel="icon" type="image/png" href="/api/docs/favicon-32x32.png">
        </head>
        <body>
          <div id="swagger-ui"></div>
          <script src="/api/docs/swagger-ui-bundle.js"></script>
          <script src="/api/docs/swagger-ui-standalone-preset.js"></script>
          <script>
            window.ui = SwaggerUIBundle({
              url: "/api/openapi.json",
              dom_id: "#swagger-ui",
              presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
              layout: "StandaloneLayout"
            });
          </script>
        </body>
        </html>
        """;

    [Function(nameof(GetOpenApiDocument))]
    public Task<IActionResult> GetOpenApiDocument(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "openapi.json")] HttpRequest request, CancellationToken cancellationToken) =>
        api.RunAsync(request, ApiAccess.Public, _ => Task.FromResult(new ApiResult(200, OpenApiDocument.Json)), cancellationToken);

    [Function(nameof(GetApiDocs))]
    public IActionResult GetApiDocs([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "docs")] HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        // The page runs only its own scripts and talks only to this app.
        request.HttpContext.Response.Headers.ContentSecurityPolicy =
            "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:";
        return new ContentResult { StatusCode = 200, ContentType = "text/html; charset=utf-8", Content = Page };
    }

    [Function(nameof(GetApiDocsAsset))]
    public IActionResult GetApiDocsAsset(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "docs/{file}")] HttpRequest request, string file)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!Assets.TryGetValue(file, out var contentType) || SwaggerUi.GetManifestResourceStream(SwaggerUiPrefix + file) is not { } stream)
        {
            return new NotFoundResult();
        }

        // The package stores the files gzipped: pass them on as they are to a client that takes gzip, else unpack.
        var headers = request.HttpContext.Response.Headers;
        headers.CacheControl = "public, max-age=86400";
        headers.Vary = "Accept-Encoding";
        if (request.Headers.AcceptEncoding.ToString().Contains("gzip", StringComparison.OrdinalIgnoreCase))
        {
            headers.ContentEncoding = "gzip";
            return new FileStreamResult(stream, contentType);
        }

        return new FileStreamResult(new GZipStream(stream, CompressionMode.Decompress), contentType);
    }
}
