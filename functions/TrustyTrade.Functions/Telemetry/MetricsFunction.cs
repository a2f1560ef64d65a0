using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;
using TrustyTrade.Infrastructure.Telemetry;

namespace TrustyTrade.Functions.Telemetry;

/// <summary>
/// <c>GET /api/metrics</c>: the business metrics in Prometheus text format, for a scraper that sends
/// <c>Authorization: Bearer {Metrics:ScrapeKey}</c> (401 otherwise; 404 while no key is configured). Tokens and API
/// keys don't open it: the figures are the business's, not a user's.
/// </summary>
public sealed class MetricsFunction(MetricsScrape scrape, IOptions<MetricsOptions> options)
{
    [Function(nameof(GetMetrics))]
    public async Task<IActionResult> GetMetrics(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "metrics")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var key = options.Value.ScrapeKey;
        if (key.Length == 0)
        {
            return new NotFoundResult();
        }

        request.HttpContext.Response.Headers.CacheControl = "no-store";
        if (!IsKey(request.Headers.Authorization.ToString(), key))
        {
            request.HttpContext.Response.Headers.WWWAuthenticate = "Bearer realm=\"metrics\"";
            return new UnauthorizedResult();
        }

        return new ContentResult
        {
            StatusCode = StatusCodes.Status200OK,
            ContentType = PrometheusText.ContentType,
            Content = await scrape.RenderAsync(cancellationToken).ConfigureAwait(false),
        };
    }

    /// <summary>Compares hashes in constant time, so neither the key's length nor its prefix leaks through timing.</summary>
    private static bool IsKey(string authorization, string key)
    {
        const string Scheme = "Bearer ";
        if (!authorization.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var sent = SHA256.HashData(Encoding.UTF8.GetBytes(authorization[Scheme.Length..].Trim()));
        return CryptographicOperations.FixedTimeEquals(sent, SHA256.HashData(Encoding.UTF8.GetBytes(key)));
    }
}
