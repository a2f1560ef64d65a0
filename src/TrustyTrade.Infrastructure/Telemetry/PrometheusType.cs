namespace TrustyTrade.Infrastructure.Telemetry;

public enum PrometheusType
{
    Counter,
    Gauge,
    Histogram,
}
