namespace TrustyTrade.Core.Health;

/// <summary>Checks that one outside dependency answers; throws when it does not.</summary>
public interface IDependencyProbe
{
    /// <summary>Short lower-case name shown in the health report, e.g. "postgres".</summary>
    string Name { get; }

    Task CheckAsync(CancellationToken cancellationToken);
}
