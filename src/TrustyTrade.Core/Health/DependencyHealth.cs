namespace TrustyTrade.Core.Health;

/// <summary>The outcome of one probe: healthy or not, how long it took, and why it failed.</summary>
public sealed record DependencyHealth(string Name, bool IsHealthy, TimeSpan Duration, string? Error);
