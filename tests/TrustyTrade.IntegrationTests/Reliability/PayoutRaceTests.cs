using Microsoft.Extensions.DependencyInjection;
using TrustyTrade.Core;
using TrustyTrade.Core.Idempotency;
using TrustyTrade.Core.Monetary;
using TrustyTrade.Core.Payments.Payouts;
using TrustyTrade.Infrastructure;
using TrustyTrade.IntegrationTests.Infrastructure;

namespace TrustyTrade.IntegrationTests.Reliability;

/// <summary>Payout requests racing on one balance over the real PostgreSQL, as the deal histories found them.</summary>
[Collection(DatabaseCollectionDefinition.Name)]
public sealed class PayoutRaceTests(DatabaseFixture database) : IAsyncLifetime
{
    private readonly TestData _data = new(database.DataSource);
    private ServiceProvider _services = null!;

    public async Task InitializeAsync()
    {
        await database.ResetAsync();
        var configuration = TestConfiguration.Build();
        _services = new ServiceCollection().AddLogging().AddTrustyTradeCore(configuration).AddTrustyTradeInfrastructure(configuration).BuildServiceProvider();
    }

    public async Task DisposeAsync() => await _services.DisposeAsync();

    [Fact]
    public async Task TwoRacingPayoutsThatTheBalanceCoversTogether_AreBothAccepted()
    {
        var payouts = _services.GetRequiredService<PayoutService>();
        var refused = 0;
        for (var round = 0; round < 20; round++)
        {
            // Earnings and refunds owed: the first request takes the earnings, so the second must come from the refunds.
            var user = await _data.UserAsync();
            await _data.CreditAsync(user, "seller_available", new Money(10m, Currency.USDT));
            await _data.CreditAsync(user, "buyer_refunds", new Money(10m, Currency.USDT));

            var results = await Task.WhenAll(Enumerable.Range(0, 2).Select(i => Task.Run(() => payouts.RequestAsync(
                new PayoutRequest(user, new Money(10m, Currency.USDT), "0x00000000000000000000000000000000000000aa", new IdempotencyKey($"race-{round}-{i}")),
                CancellationToken.None))));
            refused += results.Count(r => !r.Succeeded);
        }

        Assert.Equal(0, refused);
    }
}
