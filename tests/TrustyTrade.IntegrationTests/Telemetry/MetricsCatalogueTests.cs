using TrustyTrade.Infrastructure.Telemetry;
using TrustyTrade.IntegrationTests.Deployment;

namespace TrustyTrade.IntegrationTests.Telemetry;

/// <summary>
/// infra/prometheus/metrics.txt, which the dashboard and the alert rules are held to, names exactly the families the
/// app serves (and the scripted deal checks that the endpoint serves every one of these).
/// </summary>
public sealed class MetricsCatalogueTests
{
    [Fact]
    public void InfraCatalogue_IsWhatTheAppServes() =>
        Assert.Equal(
            [.. PrometheusFamilies.All.Select(f => f.Name).Order(StringComparer.Ordinal)],
            [.. ServedMetrics.Names.Order(StringComparer.Ordinal)]);
}
