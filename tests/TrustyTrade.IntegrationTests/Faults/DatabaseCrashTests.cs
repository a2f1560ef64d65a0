using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using TrustyTrade.Core;
using TrustyTrade.Core.Deals;
using TrustyTrade.Core.Idempotency;
using TrustyTrade.Core.Monetary;
using TrustyTrade.Infrastructure;
using TrustyTrade.Infrastructure.Persistence;
using TrustyTrade.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace TrustyTrade.IntegrationTests.Faults;

/// <summary>
/// PostgreSQL crashes (killed without a checkpoint) and comes back in the middle of a load of deals: nothing a caller
/// was told is done is lost, a command in flight fails with a database error, and retrying it under its key does it
/// exactly once.
/// </summary>
public sealed class DatabaseCrashTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Deals = 48;
    private const int Callers = 16;

    private static readonly Money Price = new(100m, Currency.XTR);

    private PrivatePostgres _postgres = null!;
    private ServiceProvider _services = null!;
    private TestData _data = null!;
    private NpgsqlDataSource _dataSource = null!;

    public async Task InitializeAsync()
    {
        _postgres = await PrivatePostgres.StartAsync();
        await new MigrationRunner(NullLogger<MigrationRunner>.Instance).MigrateAsync(_postgres.ConnectionString, CancellationToken.None);
        var configuration = TestConfiguration.Build(new Dictionary<string, string?> { ["Postgres:ConnectionString"] = _postgres.ConnectionString });
        _services = new ServiceCollection().AddLogging().AddTrustyTradeCore(configuration).AddTrustyTradeInfrastructure(configuration).BuildServiceProvider();
        _dataSource = NpgsqlDataSource.Create(_postgres.ConnectionString);
        _data = new TestData(_dataSource);
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await _dataSource.DisposeAsync();
        await _postgres.DisposeAsync();
    }

    [Fact]
    public async Task CrashUnderLoad_LosesNoCommittedDeal_AndRetriesDoEachCommandOnce()
    {
        var deals = _services.GetRequiredService<DealService>();
        var seller = await _data.UserAsync();
        var work = new ConcurrentQueue<(long ListingId, long BuyerId)>();
        for (var i = 0; i < Deals; i++)
        {
            work.Enqueue((await _data.ListingAsync(seller, Price), await _data.UserAsync()));
        }

        var failures = new ConcurrentBag<Exception>();
        var completed = 0;
        var crashed = new TaskCompletionSource();
        var crash = Task.Run(async () =>
        {
            while (Volatile.Read(ref completed) < Deals / 3)
            {
                await Task.Delay(20);
            }

            await _postgres.CrashAndRestartAsync();
            crashed.SetResult();
        });
        var callers = Enumerable.Range(0, Callers).Select(_ => Task.Run(async () =>
        {
            while (work.TryDequeue(out var next))
            {
                var deal = await RetriedAsync(failures, () => deals.BuyAsync(
                    new(new IdempotencyKey($"buy:{next.ListingId}"), new BuyListing(next.ListingId, next.BuyerId)), CancellationToken.None));
                deal = await ActAsync(deals, failures, deal, "pay", Actor.System, new ConfirmPayment(Price, PaymentMethod.TelegramStars, $"charge-{deal.Id}"));
                deal = await ActAsync(deals, failures, deal, "deliver", Actor.User(deal.SellerId), new DeliverAccount());
                await ActAsync(deals, failures, deal, "confirm", Actor.User(deal.BuyerId), new ConfirmReceipt());
                Interlocked.Increment(ref completed);
            }
        })).ToList();
        await Task.WhenAll(callers);
        await crash;
        output.WriteLine($"{Deals} deals by {Callers} callers; {failures.Count} commands failed during the crash and were retried: " +
                         string.Join(", ", failures.GroupBy(f => f.GetType().Name).Select(g => $"{g.Key} × {g.Count()}")));

        _dataSource.Clear(); // the test's own pool still holds connections the crash broke
        Assert.True(crashed.Task.IsCompleted);
        Assert.NotEmpty(failures); // the crash did hit commands in flight: else this proves nothing
        Assert.All(failures, f => Assert.True(f is NpgsqlException or InvalidOperationException { InnerException: NpgsqlException } or TimeoutException, f.ToString()));
        Assert.Equal(
            (Deals, Deals, Deals, 0L),
            (await _data.ScalarAsync<long>("SELECT count(*) FROM deals WHERE escrow_status = 'completed' OR escrow_status = 'released'"),
             await _data.ScalarAsync<long>("SELECT count(DISTINCT account_id) FROM deals"),
             await _data.ScalarAsync<long>("SELECT count(*) FROM transactions"),
             await _data.ScalarAsync<long>("SELECT count(*) FROM (SELECT posting_id FROM ledger_entries GROUP BY posting_id, currency HAVING sum(amount) <> 0) unbalanced")));
    }

    private static async Task<Deal> ActAsync(DealService deals, ConcurrentBag<Exception> failures, Deal deal, string step, Actor actor, DealCommand command) =>
        await RetriedAsync(failures, () => deals.ExecuteAsync(
            new(new IdempotencyKey($"{step}:{deal.Id}"), new ActOnDeal(deal.Id, actor, command)), CancellationToken.None));

    /// <summary>A caller that retries under the same key until the database answers (at most a minute).</summary>
    private static async Task<Deal> RetriedAsync(ConcurrentBag<Exception> failures, Func<Task<DealResult>> command)
    {
        var until = DateTime.UtcNow.AddMinutes(1);
        while (true)
        {
            try
            {
                var result = await command();
                return result.Deal ?? throw new InvalidOperationException($"refused: {result.Refusal}");
            }
            catch (Exception e) when (e is not InvalidOperationException { Message: var m } || !m.StartsWith("refused", StringComparison.Ordinal))
            {
                failures.Add(e);
                if (DateTime.UtcNow > until)
                {
                    throw;
                }

                await Task.Delay(200);
            }
        }
    }
}
