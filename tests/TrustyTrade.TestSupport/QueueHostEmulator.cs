using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;

namespace TrustyTrade.TestSupport;

/// <summary>
/// Stands in for the Functions host's queue listener, which these machines cannot run: several "instances" each
/// receive batches from a real queue (Azurite), run a queue-triggered method on them concurrently the way host.json's
/// queues settings say (batchSize, newBatchThreshold, maxDequeueCount), delete a message whose run returned, make one
/// whose run threw visible again after the retry visibility timeout, and move it to "{queue}-poison" after the last
/// attempt, as the host does.
/// </summary>
public sealed class QueueHostEmulator(
    QueueClient queue,
    QueueClient poisonQueue,
    Func<string, long, CancellationToken, Task> function,
    QueueHostSettings settings)
{
    public static QueueClient CreateClient(string connectionString, string queueName) =>
        new(connectionString, queueName, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });

    public int Failures => _failures;

    private int _failures;

    /// <summary>Runs <paramref name="instances"/> listeners until <paramref name="done"/> holds or the time is up.</summary>
    public async Task RunUntilAsync(int instances, Func<bool> done, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(done);
        await queue.CreateIfNotExistsAsync().ConfigureAwait(false);
        await poisonQueue.CreateIfNotExistsAsync().ConfigureAwait(false);
        using var stop = new CancellationTokenSource(timeout);
        var listeners = Enumerable.Range(0, instances).Select(_ => ListenAsync(done, stop.Token)).ToList();
        await Task.WhenAll(listeners).ConfigureAwait(false);
        if (!done())
        {
            throw new TimeoutException($"the queue {queue.Name} was not done within {timeout}");
        }
    }

    private async Task ListenAsync(Func<bool> done, CancellationToken stop)
    {
        var running = new List<Task>();
        var idle = TimeSpan.FromMilliseconds(100);
        while (!done() && !stop.IsCancellationRequested)
        {
            running.RemoveAll(t => t.IsCompleted);
            if (running.Count > settings.NewBatchThreshold)
            {
                await Task.WhenAny(running).ConfigureAwait(false);
                continue;
            }

            QueueMessage[] batch;
            try
            {
                batch = (await queue.ReceiveMessagesAsync(settings.BatchSize, TimeSpan.FromMinutes(5), stop).ConfigureAwait(false)).Value;
            }
            catch (OperationCanceledException)
            {
                break;
            }

            if (batch.Length == 0)
            {
                // The host backs off between empty polls up to maxPollingInterval.
                await Task.WhenAny(Task.Delay(idle, stop)).ConfigureAwait(false);
                idle = TimeSpan.FromTicks(Math.Min(idle.Ticks * 2, settings.MaxPollingInterval.Ticks));
                continue;
            }

            idle = TimeSpan.FromMilliseconds(100);
            running.AddRange(batch.Select(m => RunOneAsync(m, stop)));
        }

        await Task.WhenAll(running).ConfigureAwait(false);
    }

    private async Task RunOneAsync(QueueMessage message, CancellationToken stop)
    {
        try
        {
            await function(message.MessageText, message.DequeueCount, stop).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // The host catches whatever the function throws; so does its stand-in.
        catch (Exception)
#pragma warning restore CA1031
        {
            Interlocked.Increment(ref _failures);
            if (message.DequeueCount >= settings.MaxDequeueCount)
            {
                await poisonQueue.SendMessageAsync(message.MessageText, CancellationToken.None).ConfigureAwait(false);
                await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, CancellationToken.None).ConfigureAwait(false);
            }
            else
            {
                await queue.UpdateMessageAsync(message.MessageId, message.PopReceipt, visibilityTimeout: settings.RetryVisibilityTimeout,
                    cancellationToken: CancellationToken.None).ConfigureAwait(false);
            }

            return;
        }

        await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, CancellationToken.None).ConfigureAwait(false);
    }
}
