using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using TrustyTrade.Core;
using TrustyTrade.Infrastructure;

namespace TrustyTrade.IntegrationTests.Infrastructure;

/// <summary>
/// The app's services as the Functions host composes them, over the test database and a fake clock, built once per
/// test class: a fresh connection pool per test would pay for new connections and Npgsql's type loading every time.
/// </summary>
public class AppServicesFixture : IAsyncLifetime
{
    public AppServicesFixture()
        : this(null)
    {
    }

    /// <summary>For a fixture whose tests need some settings of their own.</summary>
    protected AppServicesFixture(IReadOnlyDictionary<string, string?>? overrides) => Configuration = TestConfiguration.Build(overrides);

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero));

    public IConfiguration Configuration { get; }

    public ServiceProvider Services { get; private set; } = null!;

    public T Get<T>()
        where T : notnull => Services.GetRequiredService<T>();

    public Task InitializeAsync()
    {
        Services = new ServiceCollection()
            .AddLogging()
            .AddSingleton<TimeProvider>(Time)
            .AddTrustyTradeCore(Configuration)
            .AddTrustyTradeInfrastructure(Configuration)
            .BuildServiceProvider();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await Services.DisposeAsync();
}
