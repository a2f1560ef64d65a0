using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using TrustyTrade.Core;
using TrustyTrade.Core.Deals;
using TrustyTrade.Core.Idempotency;
using TrustyTrade.Core.IntegrationEvents;
using TrustyTrade.Core.Monetary;
using TrustyTrade.Infrastructure;
using TrustyTrade.IntegrationTests.Infrastructure;

namespace TrustyTrade.IntegrationTests.IntegrationEvents;

/// <summary>
/// The app's services over the emptied test database and a fake clock, with Service Bus configured by name but
/// replaced by <see cref="RecordingIntegrationEventSender"/> (there is no Service Bus emulator here).
/// </summary>
public abstract class OutboxTest(DatabaseFixture database) : IAsyncLifetime
{
    protected const string Namespace = "trustytrade-test.servicebus.windows.net";

    protected static readonly Money Price = new(100m, Currency.XTR);

    private ServiceProvider? _services;

    internal FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero));

    internal TestData Data { get; } = new(database.DataSource);

    internal RecordingIntegrationEventSender Sender { get; private set; } = new();

    protected DealService Deals => Get<DealService>();

    public async Task InitializeAsync() => await database.ResetAsync();

    public async Task DisposeAsync()
    {
        if (_services is not null)
        {
            await _services.DisposeAsync();
        }
    }

    protected T Get<T>()
        where T : notnull => (_services ??= Compose(Namespace, batchSize: 100)).GetRequiredService<T>();

    /// <summary>Composes the services with these settings instead of the defaults; call before anything is used.</summary>
    internal void Configure(string serviceBusNamespace = Namespace, int batchSize = 100, RecordingIntegrationEventSender? sender = null)
    {
        Sender = sender ?? Sender;
        _services = Compose(serviceBusNamespace, batchSize);
    }

    /// <summary>A seller's listing bought by a new buyer through <see cref="DealService"/>.</summary>
    protected async Task<Deal> NewDealAsync()
    {
        var seller = await Data.UserAsync();
        var buyer = await Data.UserAsync();
        return await TestData.BuyAsync(Deals, await Data.ListingAsync(seller, Price), buyer);
    }

    protected async Task<DealResult> ActAsync(Deal deal, Actor actor, DealCommand command, IdempotencyKey? key = null)
    {
        Time.Advance(TimeSpan.FromMinutes(1));
        return await Deals.ExecuteAsync(new(key ?? NewKey(), new ActOnDeal(deal.Id, actor, command)), CancellationToken.None);
    }

    protected static IdempotencyKey NewKey() => new($"test:{Guid.NewGuid():N}");

    protected Task<long> CountAsync(string where = "true") =>
        Data.ScalarAsync<long>($"SELECT count(*) FROM integration_events WHERE {where}");

    private ServiceProvider Compose(string serviceBusNamespace, int batchSize)
    {
        var configuration = TestConfiguration.Build(new Dictionary<string, string?>
        {
            ["IntegrationEvents:ServiceBusNamespace"] = serviceBusNamespace,
            ["IntegrationEvents:BatchSize"] = batchSize.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        return new ServiceCollection()
            .AddLogging()
            .AddSingleton<TimeProvider>(Time)
            .AddTrustyTradeCore(configuration)
            .AddTrustyTradeInfrastructure(configuration)
            .AddSingleton<IIntegrationEventSender>(Sender)
            .BuildServiceProvider();
    }
}
