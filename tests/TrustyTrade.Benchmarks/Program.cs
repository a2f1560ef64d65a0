using System.Globalization;
using Azure.Storage.Queues;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using TrustyTrade.Benchmarks;
using TrustyTrade.Core;
using TrustyTrade.Infrastructure;
using TrustyTrade.Infrastructure.Bot;
using TrustyTrade.Infrastructure.Persistence;

// Measures TrustyTrade's escrow core against plain PostgreSQL on the same database, in one run:
//   1. deal transitions per second through Core (DealService) with 32 concurrent callers vs `pgbench -N -c 32`;
//   2. listing search p50/p95 at 1,000,000 listings through Core (ListingService) vs the same SQL run bare;
//   3. notifications/s sustained by the queue-triggered sender against a fake Bot API that enforces Telegram's limits;
//   4. Telegram webhook latency (secret, parse, dedupe in Redis and PostgreSQL, queue on Azurite) at 500 updates/s;
//   5. the chain payment poller's RPC calls per new block with 10,000 open invoices vs watching each address alone.
// Run with scripts/bench.sh (it starts the services and sets the connection settings).
var configuration = new ConfigurationBuilder().AddEnvironmentVariables().Build();
var connectionString = configuration["Postgres:ConnectionString"]
    ?? throw new InvalidOperationException("set Postgres__ConnectionString (scripts/bench.sh does)");
var listingCount = int.Parse(configuration["Bench:Listings"] ?? "1000000", CultureInfo.InvariantCulture);
var seconds = int.Parse(configuration["Bench:Seconds"] ?? "15", CultureInfo.InvariantCulture);
var warmUpSeconds = int.Parse(configuration["Bench:WarmUpSeconds"] ?? "10", CultureInfo.InvariantCulture);
var callers = int.Parse(configuration["Bench:Callers"] ?? "32", CultureInfo.InvariantCulture);
var notificationCount = int.Parse(configuration["Bench:Notifications"] ?? "2000", CultureInfo.InvariantCulture);
var parts = (configuration["Bench:Parts"] ?? "deals,search,notifications,webhook,chain").Split(',', StringSplitOptions.TrimEntries);

using var loggerFactory = LoggerFactory.Create(b => b.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning));
await new MigrationRunner(loggerFactory.CreateLogger<MigrationRunner>()).MigrateAsync(connectionString, CancellationToken.None);

await using var services = new ServiceCollection()
    .AddLogging(b => b.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning))
    .AddTrustyTradeCore(configuration)
    .AddTrustyTradeInfrastructure(configuration)
    .BuildServiceProvider();
await using var dataSource = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(connectionString) { MaxPoolSize = 64 }.ConnectionString);

Console.WriteLine($"TrustyTrade benchmark — {Environment.ProcessorCount} cores, {callers} concurrent callers, {seconds} s per throughput run");
Console.WriteLine();

var passed = true;
if (parts.Contains("deals"))
{
    var transitions = await DealThroughput.RunAsync(
        services, dataSource, callers, TimeSpan.FromSeconds(warmUpSeconds), TimeSpan.FromSeconds(seconds));
    NpgsqlConnection.ClearAllPools(); // pgbench brings its own connections; ours would only hold slots
    var pgbench = await PgBench.RunAsync(connectionString, callers, seconds);
    Console.WriteLine($"Deal transitions (confirm payment → deliver → confirm receipt), {callers} callers, after a {warmUpSeconds} s warm-up:");
    Console.WriteLine($"  TrustyTrade DealService   {transitions.PerSecond,10:F0} transitions/s   ({transitions.Count} in {transitions.Elapsed.TotalSeconds:F1} s)");
    Console.WriteLine($"  pgbench -N (TPC-B-like)   {pgbench,10:F0} transactions/s");
    var ratio = transitions.PerSecond / pgbench;
    passed &= ratio >= 0.5;
    Console.WriteLine($"  ratio                     {ratio,10:F2}×   target ≥ 0.50×   {(ratio >= 0.5 ? "PASS" : "FAIL")}");
    Console.WriteLine();
}

if (parts.Contains("search"))
{
    await SearchLatency.SeedAsync(dataSource, listingCount);
    await SearchLatency.SettleAsync(dataSource);
    var search = await SearchLatency.RunAsync(services, dataSource);
    Console.WriteLine($"Listing search over {listingCount:N0} listings ({search.Queries} queries each, mixed filters, sorts, text, page 2):");
    Console.WriteLine($"  {"",-26}{"p50 ms",10}{"p95 ms",10}{"p99 ms",10}");
    Console.WriteLine($"  {"TrustyTrade ListingService",-26}{search.Core.P50,10:F2}{search.Core.P95,10:F2}{search.Core.P99,10:F2}");
    Console.WriteLine($"  {"bare SQL (same statement)",-26}{search.Bare.P50,10:F2}{search.Bare.P95,10:F2}{search.Bare.P99,10:F2}");
    foreach (var (kind, latency) in search.CoreByKind.OrderBy(kv => kv.Key, StringComparer.Ordinal))
    {
        Console.WriteLine($"    {kind,-24}{latency.P50,10:F2}{latency.P95,10:F2}{latency.P99,10:F2}");
    }

    passed &= search.Core.P95 <= 5;
    Console.WriteLine($"  p95 target ≤ 5 ms: {(search.Core.P95 <= 5 ? "PASS" : "FAIL")}");
    Console.WriteLine();
}

if (parts.Contains("notifications"))
{
    const int chats = 200, instances = 3;
    var hostJson = Path.Combine(AppContext.BaseDirectory, "host.json");
    var rate = await NotificationRate.RunAsync(configuration, notificationCount, chats, instances, hostJson);
    Console.WriteLine($"Notifications ({notificationCount:N0} to {chats} chats, {instances} sender instances, fake Bot API at 30/s per bot, 1/s per chat):");
    Console.WriteLine($"  delivered                 {rate.Delivered,10} ({rate.DistinctDelivered} distinct)   in {rate.Elapsed.TotalSeconds:F1} s");
    Console.WriteLine($"  sustained rate            {rate.PerSecond,10:F1} messages/s");
    Console.WriteLine($"  429 answers               {rate.Throttled,10}");
    Console.WriteLine($"  failed attempts           {rate.Failures,10}");
    var ok = rate.PerSecond >= 25 && rate.Throttled == 0 && rate.DistinctDelivered == notificationCount && rate.Delivered == notificationCount;
    passed &= ok;
    Console.WriteLine($"  target ≥ 25/s, no 429, each exactly once: {(ok ? "PASS" : "FAIL")}");
}

if (parts.Contains("webhook"))
{
    var rate = int.Parse(configuration["Bench:WebhookRate"] ?? "500", CultureInfo.InvariantCulture);
    var updates = new QueueClient(configuration["AzureWebJobsStorage"], TelegramQueues.Updates);
    var webhook = await WebhookLatency.RunAsync(
        services, updates, configuration["Telegram:WebhookSecret"]!, rate, TimeSpan.FromSeconds(seconds), TimeSpan.FromSeconds(warmUpSeconds));
    Console.WriteLine($"Telegram webhook (secret → parse → dedupe in Redis + PostgreSQL → queue on Azurite), {rate} updates/s open loop:");
    Console.WriteLine($"  {webhook.Updates} updates, {webhook.Late} sent late   p50 {webhook.Latency.P50:F2} ms   p95 {webhook.Latency.P95:F2} ms   p99 {webhook.Latency.P99:F2} ms");
    Console.WriteLine($"  parts, p50 / p99: handling started after due {webhook.Starting.P50:F2} / {webhook.Starting.P99:F2} ms; dedupe {webhook.Admitting.P50:F2} / {webhook.Admitting.P99:F2} ms; queue {webhook.Queueing.P50:F2} / {webhook.Queueing.P99:F2} ms");
    Console.WriteLine($"  warm-up {webhook.WarmUp.TotalSeconds:F0} s (until the JIT settled); while timed: {webhook.JitMethodsWhileTimed} methods JIT-compiled, {webhook.CpuMicrosecondsPerUpdate:F0} µs CPU per update in this process");
    var (gate, inbox) = await WebhookLatency.StepsAsync(services, updates, 500);
    Console.WriteLine($"  one at a time: dedupe p50 {gate.P50:F2} p99 {gate.P99:F2} ms; queue p50 {inbox.P50:F2} p99 {inbox.P99:F2} ms");
    var ceiling = await WebhookLatency.QueueCeilingAsync(updates, senders: 16, TimeSpan.FromSeconds(5));
    Console.WriteLine($"  Azurite alone, 16 senders back to back, one message per request: {ceiling:F0} messages/s (the inbox groups updates to stay well under it)");
    passed &= webhook.Latency.P99 <= 15;
    Console.WriteLine($"  p99 target ≤ 15 ms: {(webhook.Latency.P99 <= 15 ? "PASS" : "FAIL")}");
}

if (parts.Contains("chain"))
{
    var invoices = int.Parse(configuration["Bench:ChainInvoices"] ?? "10000", CultureInfo.InvariantCulture);
    var blocks = int.Parse(configuration["Bench:ChainBlocks"] ?? "50", CultureInfo.InvariantCulture);
    var chain = await ChainPolling.RunAsync(configuration, dataSource, invoices, blocks);
    Console.WriteLine($"Chain payment poller, {chain.Invoices} open invoices, {chain.NewBlocks} new blocks one at a time (a payment in {chain.Payments} of them):");
    Console.WriteLine($"  TrustyTrade poller          {chain.CallsPerBlock,8:F2} RPC calls per new block   ({chain.PollerCalls} calls, {chain.Elapsed.TotalMilliseconds / chain.NewBlocks:F1} ms per block; {chain.Credited} payments credited)");
    Console.WriteLine($"  each address on its own     {chain.BaselineCallsPerBlock,8:F0} RPC calls per new block   (measured {chain.BaselineCalls} calls for {chain.BaselineInvoices} addresses in {chain.BaselineElapsed.TotalMilliseconds:F0} ms)");
    var ok = chain.CallsPerBlock <= 2 && chain.Credited >= chain.Payments;
    passed &= ok;
    Console.WriteLine($"  target ≤ 2 calls per block, every payment credited: {(ok ? "PASS" : "FAIL")}");
    Console.WriteLine();
}

return passed ? 0 : 1;
