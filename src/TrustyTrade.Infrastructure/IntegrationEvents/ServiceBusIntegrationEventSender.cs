using Azure.Identity;
using Azure.Messaging.ServiceBus;
using Microsoft.Extensions.Options;
using TrustyTrade.Core.IntegrationEvents;

namespace TrustyTrade.Infrastructure.IntegrationEvents;

/// <summary>
/// Sends integration events to the Service Bus topic, signed in with <see cref="DefaultAzureCredential"/> (the app's
/// managed identity in Azure). The client is made on the first send, so an app without Service Bus never makes one.
/// </summary>
internal sealed class ServiceBusIntegrationEventSender : IIntegrationEventSender, IAsyncDisposable
{
    private readonly Lazy<(ServiceBusClient Client, ServiceBusSender Sender)> _bus;

    public ServiceBusIntegrationEventSender(IOptions<IntegrationEventOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var settings = options.Value;
        _bus = new(() =>
        {
            if (!settings.IsPublishing)
            {
                throw new InvalidOperationException("IntegrationEvents:ServiceBusNamespace is not set: integration events are not published");
            }

            var client = new ServiceBusClient(settings.ServiceBusNamespace, new DefaultAzureCredential(), new ServiceBusClientOptions
            {
                // A send runs while the relay holds its batch's rows: fail within a minute and let the next run retry.
                RetryOptions = { MaxRetries = 2, TryTimeout = TimeSpan.FromSeconds(20) },
            });
            return (client, client.CreateSender(settings.Topic));
        });
    }

    public async Task SendAsync(IReadOnlyList<IntegrationEvent> events, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
        var sender = _bus.Value.Sender;
        var batch = await sender.CreateMessageBatchAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            foreach (var integrationEvent in events)
            {
                var message = IntegrationEventMessage.Build(integrationEvent);
                if (batch.TryAddMessage(message))
                {
                    continue;
                }

                // The batch is full (it is bounded in bytes): send it, in order, and go on in a new one.
                if (batch.Count > 0)
                {
                    await sender.SendMessagesAsync(batch, cancellationToken).ConfigureAwait(false);
                }

                batch.Dispose();
                batch = await sender.CreateMessageBatchAsync(cancellationToken).ConfigureAwait(false);
                if (!batch.TryAddMessage(message))
                {
                    throw new InvalidOperationException($"integration event {integrationEvent.Id} is larger than a Service Bus message may be");
                }
            }

            if (batch.Count > 0)
            {
                await sender.SendMessagesAsync(batch, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            batch.Dispose();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_bus.IsValueCreated)
        {
            await _bus.Value.Sender.DisposeAsync().ConfigureAwait(false);
            await _bus.Value.Client.DisposeAsync().ConfigureAwait(false);
        }
    }
}
