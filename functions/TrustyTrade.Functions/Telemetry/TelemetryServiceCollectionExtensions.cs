using Azure.Monitor.OpenTelemetry.Exporter;
using Microsoft.Azure.Functions.Worker.OpenTelemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using TrustyTrade.Core.Telemetry;

namespace TrustyTrade.Functions.Telemetry;

/// <summary>
/// OpenTelemetry in the worker: a span per invocation carrying the host's trace (host.json's telemetryMode joins the
/// host's and worker's spans), the Durable Task SDK's spans (an orchestration started or signalled within a trace, and
/// its activities, stay in it), our own spans, PostgreSQL commands and outgoing HTTP calls; the business meter; logs with their scopes (deal id,
/// update id). Exported to Azure Monitor when <c>APPLICATIONINSIGHTS_CONNECTION_STRING</c> is set, and over OTLP
/// (an ELK or Grafana stack) when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is.
/// </summary>
public static class TelemetryServiceCollectionExtensions
{
    public const string ServiceName = "trustytrade-functions";

    /// <summary>The Durable Task SDK's spans: starting an orchestration, raising its events, running its activities.</summary>
    public const string DurableTaskSource = "Microsoft.DurableTask";

    public static IServiceCollection AddTrustyTradeTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var telemetry = services.AddOpenTelemetry()
            .UseFunctionsWorkerDefaults()
            .ConfigureResource(resource => resource.AddService(ServiceName))
            .WithTracing(tracing => tracing
                .AddSource(TrustyTradeTracing.SourceName, DurableTaskSource)
                .AddNpgsql()
                .AddHttpClientInstrumentation(http =>
                {
                    // The worker's own gRPC calls to the host on loopback would be a span each; they say nothing.
                    http.FilterHttpRequestMessage = request => request.RequestUri is { IsLoopback: false };
                    // Telegram's URLs hold the bot token: the span keeps the URL without it.
                    http.EnrichWithHttpRequestMessage = (activity, request) =>
                        activity.SetTag("url.full", SecretRedaction.Url(request.RequestUri));
                }))
            .WithMetrics(metrics => metrics
                .AddMeter(BusinessMetrics.MeterName)
                .AddHttpClientInstrumentation())
            .WithLogging(configureBuilder: null, configureOptions: logging =>
            {
                logging.IncludeScopes = true;
                logging.IncludeFormattedMessage = true;
            });

        if (!string.IsNullOrWhiteSpace(configuration["APPLICATIONINSIGHTS_CONNECTION_STRING"]))
        {
            telemetry.UseAzureMonitorExporter();
        }

        if (!string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            telemetry.UseOtlpExporter();
        }

        return services;
    }
}
