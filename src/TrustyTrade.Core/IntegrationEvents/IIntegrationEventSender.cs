namespace TrustyTrade.Core.IntegrationEvents;

/// <summary>Publishes integration events to the message broker (Service Bus), in the order given.</summary>
public interface IIntegrationEventSender
{
    /// <summary>Sends every event or throws; events sent before a failure may be sent again, under the same id.</summary>
    Task SendAsync(IReadOnlyList<IntegrationEvent> events, CancellationToken cancellationToken);
}
