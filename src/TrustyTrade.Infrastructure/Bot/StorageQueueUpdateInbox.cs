using System.Threading.Channels;
using Azure.Storage.Queues;
using TrustyTrade.Core.Bot;

namespace TrustyTrade.Infrastructure.Bot;

/// <summary>
/// Admitted updates on the Storage queue <see cref="TelegramQueues.Updates"/> (base64, as the trigger reads), grouped:
/// a few senders each take every update waiting when they are free and send them as one message
/// (<see cref="UpdateBatch"/>). A lone update goes out at once, alone; under a burst the updates that arrive during a
/// send share the next one. Each caller returns only once its own message is on the queue, or gets its error — so the
/// webhook still answers 200 only for an update that is stored.
/// </summary>
internal sealed class StorageQueueUpdateInbox : IUpdateInbox, IAsyncDisposable, IDisposable
{
    /// <summary>Sends in flight at once: enough to hide one slow request, few enough that groups form under load.</summary>
    private const int Senders = 2;

    private readonly QueueClient _queue;
    private readonly Channel<Pending> _pending = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = false });
    private readonly Lazy<Task> _created;
    private readonly Task[] _senders;

    public StorageQueueUpdateInbox(QueueClient queue)
    {
        _queue = queue;
        _created = new(() => queue.CreateIfNotExistsAsync());
        _senders = [.. Enumerable.Range(0, Senders).Select(_ => Task.Run(SendLoopAsync))];
    }

    public async Task EnqueueAsync(long updateId, string updateJson, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(updateJson);
        if (UpdateBatch.CostOf(updateJson) > UpdateBatch.MaxChars)
        {
            throw new ArgumentException($"update {updateId} is too big for one queue message", nameof(updateJson));
        }

        var pending = new Pending(updateJson, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        await _pending.Writer.WriteAsync(pending, cancellationToken).ConfigureAwait(false);
        // Not cancelled once handed over: the caller must learn whether its update was stored (the SDK's own timeouts bound the wait).
        await pending.Stored.Task.ConfigureAwait(false);
    }

    /// <summary>Sends what is waiting, then stops.</summary>
    public async ValueTask DisposeAsync()
    {
        _pending.Writer.TryComplete();
        await Task.WhenAll(_senders).ConfigureAwait(false);
    }

    public void Dispose() => _pending.Writer.TryComplete();

    private async Task SendLoopAsync()
    {
        var group = new List<Pending>();
        var carried = (Pending?)null;
        while (carried is not null || await _pending.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            var chars = 1;
            if (carried is not null)
            {
                group.Add(carried);
                chars += UpdateBatch.CostOf(carried.SealedUpdate);
                carried = null;
            }

            while (_pending.Reader.TryRead(out var next))
            {
                if (chars + UpdateBatch.CostOf(next.SealedUpdate) > UpdateBatch.MaxChars)
                {
                    carried = next; // starts the next message
                    break;
                }

                group.Add(next);
                chars += UpdateBatch.CostOf(next.SealedUpdate);
            }

            if (group.Count > 0)
            {
                await SendAsync(group).ConfigureAwait(false);
                group.Clear();
            }
        }
    }

    private async Task SendAsync(List<Pending> group)
    {
        try
        {
            await _created.Value.ConfigureAwait(false);
            await _queue.SendMessageAsync(UpdateBatch.Join([.. group.Select(p => p.SealedUpdate)])).ConfigureAwait(false);
            group.ForEach(p => p.Stored.TrySetResult());
        }
#pragma warning disable CA1031 // every caller gets the failure as its own: the webhook releases its id and Telegram retries
        catch (Exception e)
#pragma warning restore CA1031
        {
            group.ForEach(p => p.Stored.TrySetException(e));
        }
    }

    private sealed record Pending(string SealedUpdate, TaskCompletionSource Stored);
}
