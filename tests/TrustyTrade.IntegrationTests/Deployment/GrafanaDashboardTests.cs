using System.Text.Json.Nodes;
using TrustyTrade.IntegrationTests.Infrastructure;
using static TrustyTrade.IntegrationTests.Deployment.CompiledTemplate;

namespace TrustyTrade.IntegrationTests.Deployment;

/// <summary>infra/grafana/trustytrade.json: a dashboard over the app's Prometheus metrics, importable anywhere.</summary>
public sealed class GrafanaDashboardTests
{
    private static readonly JsonObject Dashboard =
        JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "infra", "grafana", "trustytrade.json")))!.AsObject();

    [Fact]
    public void Dashboard_EveryPanelQueriesSomething()
    {
        Assert.NotEmpty(Panels());
        Assert.All(Panels(), panel => Assert.NotEmpty(Expressions(panel)));
    }

    [Fact]
    public void Dashboard_TakesThePrometheusDataSourceAsAnImportInput()
    {
        var input = Dashboard["__inputs"]!.AsArray().Single()!;

        Assert.Equal(("DS_PROMETHEUS", "prometheus"), (Text(input["name"]), Text(input["pluginId"])));
        Assert.All(Panels(), panel => Assert.Equal("${DS_PROMETHEUS}", Text(panel["datasource"]!["uid"])));
    }

    [Fact]
    public void Dashboard_UsesOnlyMetricsTheAppServes()
    {
        var used = Panels().SelectMany(Expressions).SelectMany(ServedMetrics.NamesIn);

        Assert.All(used, name => Assert.Contains(name, ServedMetrics.Names));
    }

    [Fact]
    public void Dashboard_ShowsEveryMetricTheAppServes()
    {
        var used = Panels().SelectMany(Expressions).SelectMany(ServedMetrics.NamesIn).ToHashSet(StringComparer.Ordinal);

        Assert.Empty(ServedMetrics.Names.Except(used));
    }

    private static IEnumerable<JsonNode> Panels() => Dashboard["panels"]!.AsArray().Select(p => p!);

    private static IEnumerable<string> Expressions(JsonNode panel) =>
        panel["targets"]!.AsArray().Select(t => Text(t!["expr"])).OfType<string>();
}
