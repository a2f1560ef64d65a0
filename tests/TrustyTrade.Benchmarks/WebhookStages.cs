using System.Collections.Concurrent;
using System.Diagnostics;
using TrustyTrade.Core.Bot;

namespace TrustyTrade.Benchmarks;

/// <summary>
/// Times the webhook's two I/O steps while the open-loop run is going on: the gate and the inbox wrap the real ones,
/// so the p99 can be split into waiting to start, dedupe and queueing.
/// </summary>
internal sealed class WebhookStages(IUpdateGate gate, IUpdateInbox inbox)
{
    private readonly ConcurrentQueue<double> _admitting = new();
    private readonly ConcurrentQueue<double> _queueing = new();

    public IUpdateGate Gate => new TimedGate(gate, _admitting);

    public IUpdateInbox Inbox => new TimedInbox(inbox, _queueing);

    public (Percentiles Admitting, Percentiles Queueing) TakeFigures()
    {
        var figures = (Percentiles.Of([.. _admitting]), Percentiles.Of([.. _queueing]));
        _admitting.Clear();
        _queueing.Clear();
        return figures;
    }

    private sealed class TimedGate(IUpdateGate inner, ConcurrentQueue<double> samples) : IUpdateGate
    {
        public async Task<bool> TryAdmitAsync(long updateId, CancellationToken cancellationToken)
        {
            var started = Stopwatch.GetTimestamp();
            var admitted = await inner.TryAdmitAsync(updateId, cancellationToken);
            samples.Enqueue(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            return admitted;
        }

        public Task ReleaseAsync(long updateId, CancellationToken cancellationToken) => inner.ReleaseAsync(updateId, cancellationToken);
    }

    private sealed class TimedInbox(IUpdateInbox inner, ConcurrentQueue<double> samples) : IUpdateInbox
    {
        public async Task EnqueueAsync(long updateId, string updateJson, CancellationToken cancellationToken)
        {
            var started = Stopwatch.GetTimestamp();
            await inner.EnqueueAsync(updateId, updateJson, cancellationToken);
            samples.Enqueue(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
    }
}
