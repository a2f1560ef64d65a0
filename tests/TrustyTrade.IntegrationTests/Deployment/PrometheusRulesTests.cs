using TrustyTrade.IntegrationTests.Infrastructure;
using YamlDotNet.RepresentationModel;

namespace TrustyTrade.IntegrationTests.Deployment;

/// <summary>infra/prometheus: the alert rules and the example scrape job over the app's /api/metrics.</summary>
public sealed class PrometheusRulesTests
{
    private static readonly YamlMappingNode Alerts = YamlFile.Load("infra/prometheus/alerts.yml");

    private static readonly YamlMappingNode Scrape = YamlFile.Load("infra/prometheus/scrape.yml");

    [Fact]
    public void Alerts_HaveFiveGroupsOfOneRuleEach()
    {
        var rulesPerGroup = Alerts.Items("groups").Select(g => g.Items("rules").Count());

        Assert.Equal([1, 1, 1, 1, 1], rulesPerGroup);
    }

    [Fact]
    public void Alerts_EveryRuleHasANameAndAnExpression()
    {
        Assert.All(Rules(), rule =>
        {
            Assert.False(string.IsNullOrWhiteSpace(rule.Text("alert")));
            Assert.False(string.IsNullOrWhiteSpace(rule.Text("expr")));
        });
    }

    [Theory]
    [InlineData("TrustyTradePaymentsFailing", "trustytrade_payments_failed_total")]
    [InlineData("TrustyTradeDealsPastDeadline", "trustytrade_deals_past_deadline")]
    [InlineData("TrustyTradeDisputeBacklog", "trustytrade_disputes_oldest_open_age_seconds")]
    [InlineData("TrustyTradePoisonMessages", "trustytrade_queue_messages")]
    [InlineData("TrustyTradeHttp5xxRate", "trustytrade_http_responses_total")]
    public void Alert_WatchesItsMetric(string alert, string metric)
    {
        var expression = Rules().Single(r => r.Text("alert") == alert).Text("expr")!;

        Assert.Contains(metric, ServedMetrics.NamesIn(expression));
    }

    [Fact]
    public void Alerts_UseOnlyMetricsTheAppServes()
    {
        var used = Rules().SelectMany(r => ServedMetrics.NamesIn(r.Text("expr")!));

        Assert.All(used, name => Assert.Contains(name, ServedMetrics.Names));
    }

    [Fact]
    public void Scrape_ReadsMetricsPathWithABearerKeyFromAFile()
    {
        var job = Scrape.Items("scrape_configs").Single();

        Assert.Equal("/api/metrics", job.Text("metrics_path"));
        Assert.Equal("Bearer", job.Child("authorization").Text("type"));
        Assert.False(string.IsNullOrEmpty(job.Child("authorization").Text("credentials_file")));
    }

    [Fact]
    public void Scrape_LoadsTheAlertRules()
    {
        var files = Scrape.Items("rule_files").OfType<YamlScalarNode>().Select(f => f.Value!);

        Assert.All(files, file => Assert.True(File.Exists(Path.Combine(RepositoryPaths.Root, "infra", "prometheus", file)), file));
    }

    private static IEnumerable<YamlNode> Rules() => Alerts.Items("groups").SelectMany(g => g.Items("rules"));
}
