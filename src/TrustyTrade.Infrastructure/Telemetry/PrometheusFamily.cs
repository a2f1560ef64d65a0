namespace TrustyTrade.Infrastructure.Telemetry;

/// <summary>One metric family of <c>/api/metrics</c>: its Prometheus name, type and help line.</summary>
public sealed record PrometheusFamily(string Name, PrometheusType Type, string Help);
