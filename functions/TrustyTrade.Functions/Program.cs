using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;
using TrustyTrade.Core;
using TrustyTrade.Infrastructure;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.Services
    .AddTrustyTradeCore(builder.Configuration)
    .AddTrustyTradeInfrastructure(builder.Configuration);

await builder.Build().RunAsync().ConfigureAwait(false);
