using System.Diagnostics;
using Dapper;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using TrustyTrade.Core;
using TrustyTrade.Core.Payments.Chain;
using TrustyTrade.Core.Payments.Crypto;
using TrustyTrade.Infrastructure;
using TrustyTrade.Infrastructure.Chain;
using TrustyTrade.TestSupport;

namespace TrustyTrade.Benchmarks;

/// <summary>
/// RPC calls the chain poller makes per new block with many invoices open, against the real dev chain: each round
/// mines one block (every fifth carries a payment to one of the invoices) and runs the scheduled tick, counting every
/// JSON-RPC request the client sends. The baseline, measured in the same run, is what watching each address on its
/// own costs: one <c>eth_getLogs</c> filtered by recipient per invoice and block.
/// </summary>
internal static class ChainPolling
{
    private const string SeedGame = "bench-chain-invoices";

    /// <summary>keccak256("Transfer(address,address,uint256)").</summary>
    private const string TransferTopic = "0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef";

    public static async Task<ChainPollingRun> RunAsync(IConfiguration configuration, NpgsqlDataSource dataSource, int invoices, int blocks)
    {
        using var chain = await DevChain.StartAsync(configuration["Chain:RpcUrl"]);
        var token = await chain.DeployTokenAsync();
        await chain.MintAsync(token, chain.OwnerAddress, 1_000_000m);
        var addresses = await SeedAsync(dataSource, invoices);

        var settings = new ConfigurationBuilder().AddConfiguration(configuration).AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Chain:Enabled"] = "true",
            ["Chain:TokenContract"] = token,
            ["Chain:Confirmations"] = "1",
        }).Build();
        await using var services = new ServiceCollection()
            .AddLogging(b => b.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning))
            .AddTrustyTradeCore(settings)
            .AddTrustyTradeInfrastructure(settings)
            .BuildServiceProvider();
        var client = (NethereumChainClient)services.GetRequiredService<IChainClient>();
        var poller = services.GetRequiredService<ChainPaymentPoller>();
        var store = services.GetRequiredService<IChainPaymentStore>();
        await using (var reset = dataSource.CreateCommand("DELETE FROM chain_cursor"))
        {
            await reset.ExecuteNonQueryAsync();
        }

        await poller.EnsurePollingAsync(CancellationToken.None);
        await PollAsync(poller, store); // catches up to the head before counting

        var random = new Random(20261129);
        var firstBlock = await chain.HeadBlockAsync();
        var callsBefore = client.RpcCalls;
        var clock = Stopwatch.StartNew();
        var paid = 0;
        for (var round = 0; round < blocks; round++)
        {
            if (round % 5 == 0)
            {
                await chain.TransferTokenAsync(token, addresses[random.Next(addresses.Count)], 1m); // mined into a block of its own
                paid++;
            }
            else
            {
                await chain.MineAsync(1);
            }

            await PollAsync(poller, store);
        }

        var pollerCalls = client.RpcCalls - callsBefore;
        var newBlocks = await chain.HeadBlockAsync() - firstBlock;
        var elapsed = clock.Elapsed;
        var credited = await dataSource.CreateCommand("SELECT count(*) FROM chain_deposits d JOIN crypto_invoices i USING (deal_id) WHERE i.key_id = 'bench'")
            .ExecuteScalarAsync();

        // Baseline: each invoice watched on its own, one recipient-filtered eth_getLogs per address for one block.
        var sample = addresses.Take(100).ToList();
        var head = await chain.HeadBlockAsync();
        using var http = new HttpClient();
        var baselineCalls = 0L;
        var baselineClock = Stopwatch.StartNew();
        foreach (var address in sample)
        {
            var request = $$$"""
                {"jsonrpc":"2.0","id":1,"method":"eth_getLogs","params":[{"address":"{{{token}}}","fromBlock":"0x{{{head:x}}}","toBlock":"0x{{{head:x}}}","topics":["{{{TransferTopic}}}",null,"0x{{{address[2..].PadLeft(64, '0')}}}"]}]}
                """;
            using var response = await http.PostAsync(new Uri(configuration["Chain:RpcUrl"]!), new StringContent(request, System.Text.Encoding.UTF8, "application/json"));
            response.EnsureSuccessStatusCode();
            baselineCalls++;
        }

        return new ChainPollingRun(invoices, newBlocks, pollerCalls, paid, Convert.ToInt32(credited, System.Globalization.CultureInfo.InvariantCulture),
            elapsed, sample.Count, baselineCalls, baselineClock.Elapsed);
    }

    private static async Task PollAsync(ChainPaymentPoller poller, IChainPaymentStore store)
    {
        var cursor = await store.GetCursorAsync(CancellationToken.None) ?? throw new InvalidOperationException("the cursor was not placed");
        await poller.PollAsync(cursor.ScheduledTick, null, CancellationToken.None);
    }

    /// <summary>
    /// Makes sure <paramref name="count"/> deals await payment with an invoice each (kept between runs; their keys are
    /// placeholders, as nothing here spends from them) and returns their addresses.
    /// </summary>
    private static async Task<List<string>> SeedAsync(NpgsqlDataSource dataSource, int count)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        var have = await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM crypto_invoices WHERE key_id = 'bench'");
        if (have < count)
        {
            await connection.ExecuteAsync(
                """
                WITH seller AS (
                    INSERT INTO users (telegram_id, username) VALUES (9100000001, NULL)
                    ON CONFLICT (telegram_id) DO UPDATE SET telegram_id = EXCLUDED.telegram_id RETURNING id),
                buyer AS (
                    INSERT INTO users (telegram_id, username) VALUES (9100000002, NULL)
                    ON CONFLICT (telegram_id) DO UPDATE SET telegram_id = EXCLUDED.telegram_id RETURNING id),
                listing AS (
                    INSERT INTO accounts (user_id, game, description, price, currency, status)
                    SELECT seller.id, @game, 'bench', 10, 'USDT', 'reserved' FROM seller, generate_series(1, @missing)
                    RETURNING id, user_id),
                deal AS (
                    INSERT INTO deals (seller_id, buyer_id, account_id, escrow_status, amount, currency, fee, warranty_days, payment_due_at)
                    SELECT listing.user_id, buyer.id, listing.id, 'awaiting_payment', 10, 'USDT', 0.5, 5, now() + interval '10 years'
                    FROM listing, buyer
                    RETURNING id)
                INSERT INTO crypto_invoices (deal_id, address, private_key, key_id)
                SELECT id, '0x' || md5('bench-invoice-' || id) || left(md5('bench-address-' || id), 8), '\x00', 'bench' FROM deal
                """,
                new { game = SeedGame, missing = (int)(count - have) });
        }

        // Their deadline is years away and they count as new, so the poller keeps watching them.
        await connection.ExecuteAsync("UPDATE crypto_invoices SET created_at = now() WHERE key_id = 'bench'");
        return [.. await connection.QueryAsync<string>("SELECT address FROM crypto_invoices WHERE key_id = 'bench' ORDER BY deal_id LIMIT @count", new { count })];
    }
}

/// <summary>One chain polling run and its per-address baseline.</summary>
internal sealed record ChainPollingRun(
    int Invoices, long NewBlocks, long PollerCalls, int Payments, int Credited, TimeSpan Elapsed,
    int BaselineInvoices, long BaselineCalls, TimeSpan BaselineElapsed)
{
    public double CallsPerBlock => (double)PollerCalls / NewBlocks;

    /// <summary>Per-address watching for every open invoice, scaled from the measured sample: calls for one block.</summary>
    public double BaselineCallsPerBlock => (double)BaselineCalls / BaselineInvoices * Invoices;
}
