using System.Diagnostics;
using System.Runtime;
using System.Text;
using Azure.Storage.Queues;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TrustyTrade.Core.Bot;
using TrustyTrade.Core.Bot.Conversations;
using TrustyTrade.Core.Vault;

namespace TrustyTrade.Benchmarks;

/// <summary>
/// The webhook's own work (check the secret, parse, let the id through Redis and PostgreSQL once, queue on Azurite),
/// in process, driven open-loop at a fixed rate: each update's latency counts from the moment it was due, so a
/// backlog shows as latency instead of slowing the sender down.
/// </summary>
internal static class WebhookLatency
{
    private static readonly TimeSpan WarmUpRound = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan MaxWarmUp = TimeSpan.FromSeconds(120);

    /// <summary>Methods a warm-up round may still compile when the JIT counts as settled (stragglers of rare paths).</summary>
    private const int SettledJitMethods = 5;

    /// <summary>
    /// Runs against an emptied <c>telegram-updates</c> queue and empties it again after: nothing reads it here, and
    /// Azurite slows down as its one database file grows with every message kept. The warm-up lasts at least
    /// <paramref name="warmUp"/> and goes on, two seconds at a time, until the JIT compiled next to nothing in the last
    /// round: the Functions worker lives for hours, so its steady state is tier-1 code, and on a busy machine tiering
    /// up (tier 0, instrumented, optimized) takes far longer than ten seconds.
    /// </summary>
    public static async Task<WebhookRun> RunAsync(
        IServiceProvider services, QueueClient updates, string secret, int perSecond, TimeSpan duration, TimeSpan warmUp)
    {
        var stages = new WebhookStages(services.GetRequiredService<IUpdateGate>(), services.GetRequiredService<IUpdateInbox>());
        var webhook = new WebhookService(
            stages.Gate, stages.Inbox, services.GetRequiredService<StarsCheckout>(), services.GetRequiredService<ICredentialVault>(),
            services.GetRequiredService<IOptions<TelegramWebhookOptions>>(), services.GetRequiredService<ILogger<WebhookService>>());
        var firstId = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 100;
        await updates.CreateIfNotExistsAsync();
        await updates.ClearMessagesAsync();
        try
        {
            var warming = Stopwatch.StartNew();
            long compiled;
            do
            {
                compiled = JitInfo.GetCompiledMethodCount();
                await DriveAsync(webhook, secret, firstId, perSecond, WarmUpRound);
                await updates.ClearMessagesAsync();
                firstId += 1_000_000;
                stages.TakeFigures();
            }
            while (warming.Elapsed < warmUp || (JitInfo.GetCompiledMethodCount() - compiled > SettledJitMethods && warming.Elapsed < MaxWarmUp));

            var jitBefore = JitInfo.GetCompiledMethodCount();
            var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            var (latencies, starting, late) = await DriveAsync(webhook, secret, firstId, perSecond, duration);
            var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
            var (admitting, queueing) = stages.TakeFigures();
            return new WebhookRun(
                Percentiles.Of(latencies), Percentiles.Of(starting), admitting, queueing, latencies.Count, late, warming.Elapsed,
                JitInfo.GetCompiledMethodCount() - jitBefore, cpu.TotalMicroseconds / latencies.Count);
        }
        finally
        {
            await updates.ClearMessagesAsync();
        }
    }

    /// <summary>The two I/O steps alone, one at a time: where the webhook's time goes.</summary>
    public static async Task<(Percentiles Gate, Percentiles Inbox)> StepsAsync(IServiceProvider services, QueueClient updates, int count)
    {
        var gate = services.GetRequiredService<IUpdateGate>();
        var inbox = services.GetRequiredService<IUpdateInbox>();
        var firstId = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 100 + 5_000_000;
        var (admitting, queueing) = (new List<double>(count), new List<double>(count));
        for (var i = 0; i < count; i++)
        {
            var started = Stopwatch.GetTimestamp();
            await gate.TryAdmitAsync(firstId + i, CancellationToken.None);
            admitting.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            started = Stopwatch.GetTimestamp();
            await inbox.EnqueueAsync(firstId + i, """{"update_id":1,"message":{}}""", CancellationToken.None);
            queueing.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        await updates.ClearMessagesAsync();
        return (Percentiles.Of(admitting), Percentiles.Of(queueing));
    }

    /// <summary>
    /// The most messages per second Azurite takes from <paramref name="senders"/> callers sending one message per request
    /// back to back, nothing else running: why the inbox groups updates (500/s one by one would sit at Azurite's limit).
    /// </summary>
    public static async Task<double> QueueCeilingAsync(QueueClient updates, int senders, TimeSpan duration)
    {
        ArgumentNullException.ThrowIfNull(updates);
        var sent = 0;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, senders).Select(_ => Task.Run(async () =>
        {
            while (clock.Elapsed < duration)
            {
                await updates.SendMessageAsync("""{"update_id":1,"message":{}}""");
                Interlocked.Increment(ref sent);
            }
        })));
        var perSecond = sent / clock.Elapsed.TotalSeconds;
        await updates.ClearMessagesAsync();
        return perSecond;
    }

    /// <summary>Each update's latency from its due time, and how late its handling started (the load generator's own lag).</summary>
    private static async Task<(List<double> Latencies, List<double> Starting, int Late)> DriveAsync(
        WebhookService webhook, string secret, long firstId, int perSecond, TimeSpan duration)
    {
        var count = (int)(perSecond * duration.TotalSeconds);
        var interval = TimeSpan.FromSeconds(1.0 / perSecond);
        var latencies = new double[count];
        var starting = new double[count];
        var late = 0;
        var clock = Stopwatch.StartNew();
        var inFlight = new List<Task>(count);
        for (var i = 0; i < count; i++)
        {
            var due = interval * i;
            if (clock.Elapsed < due)
            {
                await Task.Delay(due - clock.Elapsed);
            }

            var index = i;
            var body = Encoding.UTF8.GetBytes(
                $$$"""{"update_id":{{{firstId + i}}},"message":{"message_id":{{{i}}},"date":1764400000,"chat":{"id":{{{1000 + (i % 200)}}},"type":"private"},"from":{"id":{{{1000 + (i % 200)}}},"is_bot":false,"first_name":"Bench","language_code":"ru"},"text":"/start"}}""");
            inFlight.Add(Task.Run(async () =>
            {
                starting[index] = (clock.Elapsed - due).TotalMilliseconds;
                var outcome = await webhook.ReceiveAsync(secret, body, CancellationToken.None);
                latencies[index] = (clock.Elapsed - due).TotalMilliseconds;
                if (outcome != WebhookOutcome.Queued)
                {
                    throw new InvalidOperationException($"update {index} was {outcome}");
                }
            }));
            if (clock.Elapsed - due > interval)
            {
                late++;
            }
        }

        await Task.WhenAll(inFlight);
        return ([.. latencies], [.. starting], late);
    }
}
