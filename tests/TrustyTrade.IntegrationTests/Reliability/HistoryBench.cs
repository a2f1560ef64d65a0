using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using TrustyTrade.Core.Deals;
using TrustyTrade.Core.Payments.Payouts;
using TrustyTrade.IntegrationTests.Infrastructure;

namespace TrustyTrade.IntegrationTests.Reliability;

/// <summary>
/// The app's services over the real database, shared by every history: the escrow store, payouts and the policy come
/// from the app's own composition; each history gets a DealService on its own clock.
/// </summary>
internal sealed class HistoryBench(IServiceProvider services, TestData data, LedgerAudit audit, RunTally tally)
{
    /// <summary>A game without its own warranty setting, so deals take the policy's default.</summary>
    public const string Game = "Reliability Quest";

    public TestData Data { get; } = data;

    public LedgerAudit Audit { get; } = audit;

    public RunTally Tally { get; } = tally;

    public EscrowOptions Policy { get; } = services.GetRequiredService<IOptions<EscrowOptions>>().Value;

    public PayoutService Payouts { get; } = services.GetRequiredService<PayoutService>();

    public DealService DealsOn(TimeProvider clock) =>
        new(services.GetRequiredService<IEscrowStore>(), services.GetRequiredService<IOptions<EscrowOptions>>(), clock, NullLogger<DealService>.Instance);
}
