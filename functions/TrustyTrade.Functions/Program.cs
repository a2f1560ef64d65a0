using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.DependencyInjection;
using TrustyTrade.Core;
using TrustyTrade.Functions.Api;
using TrustyTrade.Infrastructure;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.Services
    .AddTrustyTradeCore(builder.Configuration)
    .AddTrustyTradeInfrastructure(builder.Configuration)
    .AddSingleton<ApiEndpoint>();

await builder.Build().RunAsync().ConfigureAwait(false);
