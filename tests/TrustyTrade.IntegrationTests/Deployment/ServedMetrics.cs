using System.Text.RegularExpressions;
using TrustyTrade.IntegrationTests.Infrastructure;

namespace TrustyTrade.IntegrationTests.Deployment;

/// <summary>
/// The Prometheus metric names the app serves at /api/metrics, listed once in infra/prometheus/metrics.txt; the
/// dashboard and the alert rules may use only these.
/// </summary>
internal static partial class ServedMetrics
{
    private static readonly string[] HistogramSeries = ["_bucket", "_sum", "_count"];

    public static IReadOnlySet<string> Names { get; } = File.ReadAllLines(Path.Combine(RepositoryPaths.Root, "infra", "prometheus", "metrics.txt"))
        .Select(line => line.Trim())
        .Where(line => line.Length > 0)
        .ToHashSet(StringComparer.Ordinal);

    /// <summary>The metric names a PromQL expression reads, a histogram's series named by the histogram.</summary>
    public static IEnumerable<string> NamesIn(string expression) =>
        MetricName().Matches(expression).Select(m => BaseName(m.Value));

    private static string BaseName(string series)
    {
        if (Names.Contains(series))
        {
            return series;
        }

        var suffix = HistogramSeries.FirstOrDefault(s => series.EndsWith(s, StringComparison.Ordinal));
        return suffix is null ? series : series[..^suffix.Length];
    }

    [GeneratedRegex(@"\btrustytrade_[a-z0-9_]+")]
    private static partial Regex MetricName();
}
