namespace TrustyTrade.Core.Telemetry;

/// <summary>How many messages wait in each of the app's queues and their poison queues.</summary>
public interface IQueueDepths
{
    Task<IReadOnlyDictionary<string, long>> CountAsync(CancellationToken cancellationToken);
}
