using Azure.Storage.Queues;
using TrustyTrade.Core.Health;

namespace TrustyTrade.Infrastructure.Storage;

internal sealed class StorageHealthProbe(QueueServiceClient queues) : IDependencyProbe
{
    public string Name => "storage";

    public Task CheckAsync(CancellationToken cancellationToken) => queues.GetPropertiesAsync(cancellationToken);
}
