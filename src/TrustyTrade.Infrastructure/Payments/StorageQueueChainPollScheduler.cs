using System.Globalization;
using Azure.Storage.Queues;
using TrustyTrade.Core.Payments.Crypto;

namespace TrustyTrade.Infrastructure.Payments;

/// <summary>Ticks on the Storage queue <see cref="ChainQueues.Poll"/>: the tick's number as the message, visible after the delay.</summary>
internal sealed class StorageQueueChainPollScheduler(QueueClient queue) : IChainPollScheduler
{
    private readonly Lazy<Task> _created = new(() => queue.CreateIfNotExistsAsync());

    public async Task ScheduleAsync(long tick, TimeSpan delay, CancellationToken cancellationToken)
    {
        await _created.Value.ConfigureAwait(false);
        await queue.SendMessageAsync(tick.ToString(CultureInfo.InvariantCulture), delay > TimeSpan.Zero ? delay : null, timeToLive: null, cancellationToken)
            .ConfigureAwait(false);
    }
}
