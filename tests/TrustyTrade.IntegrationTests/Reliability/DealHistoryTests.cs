using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using TrustyTrade.Core;
using TrustyTrade.Core.Deals;
using TrustyTrade.Infrastructure;
using TrustyTrade.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace TrustyTrade.IntegrationTests.Reliability;

/// <summary>
/// Model-based test of deals on the real PostgreSQL: many random deal histories (pay, deliver, confirm, dispute, resolve,
/// cancel, deadlines, payouts, duplicated and reordered requests, racing callers) run at once through the app's
/// services, each answer compared with <see cref="DealModel"/>, the escrow invariants audited after every history and
/// over the whole ledger at the end. Size and seeds come from the environment (README, "Reliability tests"):
/// TT_RELIABILITY_HISTORIES (default 400; 10000 is the full run), TT_RELIABILITY_MASTER_SEED, and
/// TT_RELIABILITY_SEED to replay one failing history.
/// </summary>
[Collection(DatabaseCollectionDefinition.Name)]
public sealed class DealHistoryTests(DatabaseFixture database, ITestOutputHelper output) : IAsyncLifetime
{
    private const int DefaultHistories = 400;
    private const int DefaultMasterSeed = 20_261_129;
    private const int Concurrency = 12;

    private ServiceProvider _services = null!;

    public async Task InitializeAsync()
    {
        await database.ResetAsync();
        var configuration = TestConfiguration.Build();
        _services = new ServiceCollection()
            .AddLogging()
            .AddSingleton<TimeProvider>(new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero)))
            .AddTrustyTradeCore(configuration)
            .AddTrustyTradeInfrastructure(configuration)
            .BuildServiceProvider();
    }

    public async Task DisposeAsync() => await _services.DisposeAsync();

    [Fact]
    public async Task RandomDealHistoriesRunConcurrently_AgreeWithTheModelAndKeepEveryEscrowInvariant()
    {
        var masterSeed = EnvironmentNumber("TT_RELIABILITY_MASTER_SEED") ?? DefaultMasterSeed;
        var replay = EnvironmentNumber("TT_RELIABILITY_SEED");
        var histories = replay is null ? EnvironmentNumber("TT_RELIABILITY_HISTORIES") ?? DefaultHistories : 1;
        var master = new Random(masterSeed);
        var seeds = replay is { } one ? [one] : Enumerable.Range(0, histories).Select(_ => master.Next()).ToArray();

        var tally = new RunTally();
        var audit = new LedgerAudit(database.DataSource);
        var bench = new HistoryBench(_services, new TestData(database.DataSource), audit, tally);
        var failures = new ConcurrentBag<string>();
        var watch = Stopwatch.StartNew();
        await Parallel.ForEachAsync(seeds, new ParallelOptions { MaxDegreeOfParallelism = Concurrency }, async (seed, _) =>
        {
            try
            {
                await new DealHistory(bench, masterSeed, seed).RunAsync();
            }
            catch (Exception e)
            {
                failures.Add(e is HistoryFailedException ? e.Message : $"master seed {masterSeed}, history seed {seed} (replay: TT_RELIABILITY_SEED={seed}): {e}");
            }
        });
        var broken = await audit.BrokenInvariantsAsync();
        tally.InvariantsChecked(LedgerAudit.WholeLedgerInvariants);

        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"master seed {masterSeed}: {seeds.Length} histories ({Concurrency} at once) in {watch.Elapsed.TotalSeconds:F1} s; {tally}"));
        foreach (var failure in failures.Take(3))
        {
            output.WriteLine(failure);
        }

        Assert.True(failures.IsEmpty, $"{failures.Count} of {seeds.Length} histories failed; the first:\n{failures.FirstOrDefault()}");
        Assert.True(broken.Count == 0, $"master seed {masterSeed}: the whole ledger breaks {string.Join("\n", broken)}");
        if (replay is null && seeds.Length >= 100)
        {
            // Not an invariant but a guard against a vacuous run: the histories walked every path, raced and repeated.
            Assert.Equal(Enum.GetValues<DealStatus>().Order(), tally.StatusesReached.Keys.Order());
            Assert.True(tally.RacesWithOneWinner > 0 && tally.Replays > 0 && tally.DuplicatePayments > 0 && tally.PayoutsAccepted > 0 && tally.PayoutsRefused > 0,
                $"the run exercised too little: {tally}");
        }
    }

    private static int? EnvironmentNumber(string name) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? int.Parse(value, CultureInfo.InvariantCulture) : null;
}
