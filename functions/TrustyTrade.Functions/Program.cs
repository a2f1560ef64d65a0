using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using TrustyTrade.Core;
using TrustyTrade.Functions.Api;
using TrustyTrade.Functions.Telemetry;
using TrustyTrade.Infrastructure;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.UseMiddleware<HttpResponseMetrics>();
builder.Services
    .AddTrustyTradeTelemetry(builder.Configuration)
    .AddTrustyTradeCore(builder.Configuration)
    .AddTrustyTradeInfrastructure(builder.Configuration)
    .AddSingleton<ApiEndpoint>();

await builder.Build().RunAsync().ConfigureAwait(false);
