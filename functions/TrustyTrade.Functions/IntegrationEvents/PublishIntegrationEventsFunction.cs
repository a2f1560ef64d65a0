using Microsoft.Azure.Functions.Worker;
using TrustyTrade.Core.IntegrationEvents;

namespace TrustyTrade.Functions.IntegrationEvents;

/// <summary>
/// Every 10 seconds: publishes the outbox's integration events to Service Bus (nothing when
/// <c>IntegrationEvents__ServiceBusNamespace</c> is empty). Every hour: deletes events past the retention.
/// </summary>
public sealed class PublishIntegrationEventsFunction(IntegrationEventRelay relay, IntegrationEventCleanup cleanup)
{
    public const string PublishSchedule = "*/10 * * * * *";

    /// <summary>At minute 29 of every hour, away from the other hourly timers.</summary>
    public const string CleanupSchedule = "0 29 * * * *";

    [Function(nameof(PublishIntegrationEvents))]
    public Task<int> PublishIntegrationEvents([TimerTrigger(PublishSchedule)] TimerInfo timer, CancellationToken cancellationToken) =>
        relay.PublishAsync(cancellationToken);

    [Function(nameof(CleanUpIntegrationEvents))]
    public Task<int> CleanUpIntegrationEvents([TimerTrigger(CleanupSchedule)] TimerInfo timer, CancellationToken cancellationToken) =>
        cleanup.RunAsync(cancellationToken);
}
