using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;
using Microsoft.Extensions.DependencyInjection;
using TrustyTrade.Core.Telemetry;

namespace TrustyTrade.Functions.Telemetry;

/// <summary>
/// Worker middleware: counts every HTTP response by status class once it has been sent (an exception the host turns
/// into a 500 included), for the 5xx alert.
/// </summary>
public sealed class HttpResponseMetrics : IFunctionsWorkerMiddleware
{
    public Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        if (context.GetHttpContext() is { } http)
        {
            Observe(http.Response, context.InstanceServices.GetRequiredService<BusinessMetrics>());
        }

        return next(context);
    }

    /// <summary>Counts <paramref name="response"/>'s status when it has been sent.</summary>
    public static void Observe(HttpResponse response, BusinessMetrics metrics)
    {
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(metrics);
        response.OnCompleted(() =>
        {
            metrics.HttpResponse(response.StatusCode);
            return Task.CompletedTask;
        });
    }
}
