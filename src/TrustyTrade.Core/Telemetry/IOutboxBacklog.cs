namespace TrustyTrade.Core.Telemetry;

/// <summary>Integration events written but not yet published: how many, and how long the oldest has waited.</summary>
public interface IOutboxBacklog
{
    Task<(long Pending, TimeSpan OldestAge)> MeasureAsync(DateTimeOffset now, CancellationToken cancellationToken);
}
