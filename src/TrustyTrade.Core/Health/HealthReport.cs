namespace TrustyTrade.Core.Health;

/// <summary>The state of every dependency at one moment.</summary>
public sealed record HealthReport(IReadOnlyList<DependencyHealth> Dependencies)
{
    public bool IsHealthy => Dependencies.All(d => d.IsHealthy);

    public IEnumerable<string> Down => Dependencies.Where(d => !d.IsHealthy).Select(d => d.Name);
}
