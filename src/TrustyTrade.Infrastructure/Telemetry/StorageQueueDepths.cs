using Azure;
using Azure.Storage.Queues;
using TrustyTrade.Core.Telemetry;
using TrustyTrade.Infrastructure.Bot;
using TrustyTrade.Infrastructure.Notifications;
using TrustyTrade.Infrastructure.Payments;

namespace TrustyTrade.Infrastructure.Telemetry;

/// <summary>Storage's approximate message counts of the app's queues; a queue not created yet has none.</summary>
internal sealed class StorageQueueDepths(QueueServiceClient queues) : IQueueDepths
{
    public static readonly IReadOnlyList<string> Names =
    [
        TelegramQueues.Updates, TelegramQueues.Poison,
        NotificationQueues.Notifications, NotificationQueues.Poison,
        ChainQueues.Poll, ChainQueues.Poison,
    ];

    public async Task<IReadOnlyDictionary<string, long>> CountAsync(CancellationToken cancellationToken)
    {
        var counts = await Task.WhenAll(Names.Select(name => CountAsync(name, cancellationToken))).ConfigureAwait(false);
        return Names.Zip(counts).ToDictionary(p => p.First, p => p.Second, StringComparer.Ordinal);
    }

    private async Task<long> CountAsync(string name, CancellationToken cancellationToken)
    {
        try
        {
            var properties = await queues.GetQueueClient(name).GetPropertiesAsync(cancellationToken).ConfigureAwait(false);
            return properties.Value.ApproximateMessagesCount;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return 0;
        }
    }
}
