using Azure.Core;
using Azure.Identity;
using Azure.Storage.Queues;
using Microsoft.Extensions.Options;

namespace TrustyTrade.Infrastructure.Storage;

/// <summary>
/// The app's queue clients, from a connection string or, with only an account name, from the account's queue
/// endpoint and the managed identity. Messages are base64, as the Functions queue trigger reads them
/// (host.json: queues.messageEncoding = base64).
/// </summary>
public sealed class StorageQueues
{
    private static readonly QueueClientOptions ClientOptions = new()
    {
        MessageEncoding = QueueMessageEncoding.Base64,
        Retry = { MaxRetries = 2, NetworkTimeout = TimeSpan.FromSeconds(10) },
    };

    public StorageQueues(IOptions<StorageOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var storage = options.Value;
        Service = storage.ConnectionString.Length > 0
            ? new QueueServiceClient(storage.ConnectionString, ClientOptions)
            : new QueueServiceClient(new Uri($"https://{storage.AccountName}.queue.core.windows.net"), Identity(storage.ClientId), ClientOptions);
    }

    public QueueServiceClient Service { get; }

    /// <summary>A client of the named queue with the app's message encoding.</summary>
    public QueueClient Queue(string name) => Service.GetQueueClient(name);

    /// <summary>A client of the named queue from a connection string (tools and tests).</summary>
    public static QueueClient Queue(string connectionString, string name) => new(connectionString, name, ClientOptions);

    private static TokenCredential Identity(string clientId) =>
        clientId.Length > 0 ? new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId)) : new DefaultAzureCredential();
}
