using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using TrustyTrade.Core.Deals;
using TrustyTrade.Core.Idempotency;
using TrustyTrade.Core.Monetary;

namespace TrustyTrade.Benchmarks;

/// <summary>Drives deals through payment, delivery and receipt with concurrent callers, each on deals of its own.</summary>
internal static class DealThroughput
{
    private const int DealsPerCaller = 600;

    /// <summary>
    /// A warm-up run first, on deals of its own and not counted: until the JIT has settled on optimized code, a good
    /// part of the process's CPU goes to compiling and to tiering's probes, which pgbench (native code) never pays.
    /// </summary>
    public static async Task<(long Count, TimeSpan Elapsed, double PerSecond)> RunAsync(
        IServiceProvider services, NpgsqlDataSource dataSource, int callers, TimeSpan warmUp, TimeSpan duration)
    {
        var deals = services.GetRequiredService<DealService>();
        await DriveAsync(deals, await SeedDealsAsync(dataSource, callers * DealsPerCaller), callers, warmUp);
        var (count, elapsed) = await DriveAsync(deals, await SeedDealsAsync(dataSource, callers * DealsPerCaller), callers, duration);
        return (count, elapsed, count / elapsed.TotalSeconds);
    }

    private static async Task<(long Count, TimeSpan Elapsed)> DriveAsync(
        DealService deals, List<(long DealId, long SellerId, long BuyerId)> ids, int callers, TimeSpan duration)
    {
        var price = new Money(100m, Currency.XTR);
        var run = Guid.NewGuid().ToString("N");
        long count = 0;
        using var stop = new CancellationTokenSource(duration);
        var stopwatch = Stopwatch.StartNew();

        await Task.WhenAll(Enumerable.Range(0, callers).Select(caller => Task.Run(async () =>
        {
            foreach (var (dealId, sellerId, buyerId) in ids.Skip(caller * DealsPerCaller).Take(DealsPerCaller))
            {
                if (stop.IsCancellationRequested)
                {
                    return;
                }

                DealCommand[] steps = [new ConfirmPayment(price, PaymentMethod.TelegramStars, $"{run}-{dealId}"), new DeliverAccount(), new ConfirmReceipt()];
                Actor[] actors = [Actor.System, Actor.User(sellerId), Actor.User(buyerId)];
                for (var i = 0; i < steps.Length; i++)
                {
                    var result = await deals.ExecuteAsync(
                        new IdentifiedCommand<ActOnDeal>(new IdempotencyKey($"bench:{run}:{dealId}:{i}"), new ActOnDeal(dealId, actors[i], steps[i])),
                        CancellationToken.None);
                    if (!result.Succeeded)
                    {
                        throw new InvalidOperationException($"deal {dealId} step {steps[i].Name} refused: {result.Refusal}");
                    }

                    Interlocked.Increment(ref count);
                }
            }
        })));

        stopwatch.Stop();
        return (count, stopwatch.Elapsed);
    }

    /// <summary>Fresh deals awaiting payment, each on its own reserved listing, written in bulk by SQL.</summary>
    private static async Task<List<(long DealId, long SellerId, long BuyerId)>> SeedDealsAsync(NpgsqlDataSource dataSource, int count)
    {
        await using var command = dataSource.CreateCommand("""
            WITH seller AS (
                INSERT INTO users (telegram_id, username) VALUES ((8e9 + floor(random() * 1e9))::bigint, NULL) RETURNING id),
            buyer AS (
                INSERT INTO users (telegram_id, username) VALUES ((7e9 + floor(random() * 1e9))::bigint, NULL) RETURNING id),
            listing AS (
                INSERT INTO accounts (user_id, game, title, description, price, currency, status)
                SELECT seller.id, 'Bench', 'bench deal', 'bench', 100, 'XTR', 'reserved' FROM seller, generate_series(1, @count)
                RETURNING id, user_id)
            INSERT INTO deals (seller_id, buyer_id, account_id, amount, currency, fee, warranty_days, payment_due_at)
            SELECT listing.user_id, buyer.id, listing.id, 100, 'XTR', 5, 5, now() + interval '1 day' FROM listing, buyer
            RETURNING id, seller_id, buyer_id
            """);
        command.Parameters.AddWithValue("count", count);
        var ids = new List<(long, long, long)>(count);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            ids.Add((reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2)));
        }

        return ids;
    }
}
