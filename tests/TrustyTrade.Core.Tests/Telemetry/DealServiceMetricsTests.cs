using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using TrustyTrade.Core.Deals;
using TrustyTrade.Core.Idempotency;
using TrustyTrade.Core.Monetary;
using TrustyTrade.Core.Telemetry;
using TrustyTrade.Core.Tests.Deals;

namespace TrustyTrade.Core.Tests.Telemetry;

/// <summary>The payment confirmation latency is recorded once per payment, from the deal's creation.</summary>
public sealed class DealServiceMetricsTests : IDisposable
{
    private static readonly Money Price = new(100m, Currency.XTR);

    private readonly FakeTimeProvider _time = new(DealBuilder.Start);
    private readonly InMemoryEscrowStore _store = new();
    private readonly BusinessMetrics _metrics = new();
    private readonly RecordedMeasurements _recorded;
    private readonly DealService _service;

    public DealServiceMetricsTests()
    {
        _store.AddUser(1);
        _store.AddUser(2);
        _store.AddListing(50, 1, Price);
        _recorded = new RecordedMeasurements(_metrics);
        _service = new DealService(_store, Options.Create(new EscrowOptions()), _time, NullLogger<DealService>.Instance, metrics: _metrics);
    }

    public void Dispose()
    {
        _recorded.Dispose();
        _metrics.Dispose();
        _store.Dispose();
    }

    [Fact]
    public async Task Payment_RecordsTheTimeFromTheDealsCreation()
    {
        var deal = await BuyAsync();
        _time.Advance(TimeSpan.FromSeconds(42));

        await PayAsync(deal, "stars-charge:1");

        var recorded = Assert.Single(_recorded.Of(MetricNames.PaymentConfirmation));
        Assert.Equal((42d, "telegram_stars"), (recorded.Value, recorded.Tags["method"]));
    }

    [Fact]
    public async Task ReplayedPayment_IsNotRecordedAgain()
    {
        var deal = await BuyAsync();
        await PayAsync(deal, "stars-charge:1");

        await PayAsync(deal, "stars-charge:1");

        Assert.Single(_recorded.Of(MetricNames.PaymentConfirmation));
    }

    [Fact]
    public async Task RefusedPayment_IsNotRecorded()
    {
        var deal = await BuyAsync();

        await _service.ExecuteAsync(
            new IdentifiedCommand<ActOnDeal>(new IdempotencyKey("stars-charge:2"),
                new ActOnDeal(deal.Id, Actor.System, new ConfirmPayment(new Money(1m, Currency.XTR), PaymentMethod.TelegramStars, "stars-charge:2"))),
            CancellationToken.None);

        Assert.Empty(_recorded.Of(MetricNames.PaymentConfirmation));
    }

    private async Task<Deal> BuyAsync() =>
        (await _service.BuyAsync(
            new IdentifiedCommand<BuyListing>(new IdempotencyKey($"buy:{Guid.NewGuid()}"), new BuyListing(50, 2)), CancellationToken.None)).Deal!;

    private Task<DealResult> PayAsync(Deal deal, string key) =>
        _service.ExecuteAsync(
            new IdentifiedCommand<ActOnDeal>(new IdempotencyKey(key), new ActOnDeal(deal.Id, Actor.System, new ConfirmPayment(deal.Price, PaymentMethod.TelegramStars, key))),
            CancellationToken.None);
}
