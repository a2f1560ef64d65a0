using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Logging;
using TrustyTrade.IntegrationTests.Api;

namespace TrustyTrade.IntegrationTests.AdminWeb;

/// <summary>
/// The HTTP functions on a real web server (Kestrel on loopback), for a browser: each route of the generated
/// functions.metadata is mapped under <c>/api/</c> with its own template (the Functions host routes with ASP.NET Core's
/// templates too), and a request runs the function method the metadata names through <see cref="ApiTestHost"/>, whose
/// result is written as the Functions host's ASP.NET Core integration writes it. The admin panel's built files are
/// served from the same origin, as Static Web Apps with a linked API would, with the global headers (Content-Security-Policy
/// among them) of its staticwebapp.config.json, so the panel is tested under the policy it is deployed with.
/// The API's clock follows the real one (TOTP codes and token lifetimes), moved on by what a browser test adds through
/// <c>POST /__test/clock?minutes=N</c> (to make a session run out).
/// </summary>
public sealed class FunctionsWebHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private FunctionsWebHost(WebApplication app, string address)
    {
        _app = app;
        Address = address;
    }

    /// <summary>The server's root, e.g. <c>http://127.0.0.1:41234</c>.</summary>
    public string Address { get; }

    public static async Task<FunctionsWebHost> StartAsync(ApiTestHost api, string staticRoot)
    {
        ArgumentNullException.ThrowIfNull(api);
        var offset = TimeSpan.Zero;
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddMvcCore();
        var app = builder.Build();
        app.Use(async (context, next) =>
        {
            var now = DateTimeOffset.UtcNow + offset;
            if (now > api.Time.GetUtcNow())
            {
                api.Time.SetUtcNow(now);
            }

            await next(context);
        });

        var headers = StaticWebAppHeaders(staticRoot);
        app.Use(async (context, next) =>
        {
            if (!context.Request.Path.StartsWithSegments("/api", StringComparison.Ordinal))
            {
                foreach (var (name, value) in headers)
                {
                    context.Response.Headers[name] = value;
                }
            }

            await next(context);
        });

        var files = new PhysicalFileProvider(staticRoot);
        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files });
        app.UseStaticFiles(new StaticFileOptions { FileProvider = files });
        foreach (var route in HttpRoute.All)
        {
            app.MapMethods("/api/" + route.Template, route.Methods, async context =>
            {
                var values = context.Request.RouteValues.ToDictionary(
                    v => v.Key, v => Convert.ToString(v.Value, CultureInfo.InvariantCulture) ?? "", StringComparer.Ordinal);
                var result = await api.InvokeAsync(route, values, context.Request);
                await result.ExecuteResultAsync(new ActionContext(context, context.GetRouteData(), new ActionDescriptor()));
            });
        }

        app.MapPost("/__test/clock", (int minutes) =>
        {
            offset += TimeSpan.FromMinutes(minutes);
            return Results.NoContent();
        });
        app.Map("/api/{**rest}", () => Results.NotFound());
        app.MapFallbackToFile("index.html", new StaticFileOptions { FileProvider = files });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new FunctionsWebHost(app, address);
    }

    private static Dictionary<string, string> StaticWebAppHeaders(string staticRoot)
    {
        using var config = JsonDocument.Parse(File.ReadAllText(Path.Combine(staticRoot, "staticwebapp.config.json")));
        return config.RootElement.GetProperty("globalHeaders").EnumerateObject().ToDictionary(h => h.Name, h => h.Value.GetString()!, StringComparer.Ordinal);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
