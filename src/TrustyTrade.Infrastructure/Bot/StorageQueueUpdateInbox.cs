using Azure.Storage.Queues;
using TrustyTrade.Core.Bot;

namespace TrustyTrade.Infrastructure.Bot;

/// <summary>Admitted updates on the Storage queue <see cref="QueueName"/>, as Telegram sent them (base64, as the trigger reads).</summary>
internal sealed class StorageQueueUpdateInbox(QueueClient queue) : IUpdateInbox
{
    public const string QueueName = "telegram-updates";

    private readonly Lazy<Task> _created = new(() => queue.CreateIfNotExistsAsync());

    public async Task EnqueueAsync(long updateId, string updateJson, CancellationToken cancellationToken)
    {
        await _created.Value.ConfigureAwait(false);
        await queue.SendMessageAsync(updateJson, cancellationToken).ConfigureAwait(false);
    }
}
