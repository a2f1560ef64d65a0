using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using TrustyTrade.Core.Health;

namespace TrustyTrade.Functions.Health;

/// <summary><c>GET /api/health</c>: 200 when PostgreSQL, Redis and Storage all answer, else 503 naming what is down.</summary>
public sealed class HealthFunction(HealthCheckService health)
{
    [Function(nameof(GetHealth))]
    public async Task<IActionResult> GetHealth(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "health")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var report = await health.CheckAsync(cancellationToken).ConfigureAwait(false);
        request.HttpContext.Response.Headers.CacheControl = "no-store";
        return new ContentResult
        {
            StatusCode = (int)(report.IsHealthy ? HttpStatusCode.OK : HttpStatusCode.ServiceUnavailable),
            ContentType = "application/json; charset=utf-8",
            Content = HealthResponse.Serialize(report),
        };
    }
}
