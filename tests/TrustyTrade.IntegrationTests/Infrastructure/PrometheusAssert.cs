using System.Globalization;

namespace TrustyTrade.IntegrationTests.Infrastructure;

/// <summary>Reads the Prometheus text format as a scraper does, checking its shape on the way.</summary>
internal static class PrometheusAssert
{
    /// <summary>The value of exactly one sample line named <paramref name="series"/> (name and labels as written).</summary>
    public static double Value(string text, string series)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lines = text.Split('\n').Where(l => l.StartsWith(series + " ", StringComparison.Ordinal)).ToList();
        Assert.True(lines.Count == 1, $"expected one sample {series}, found {lines.Count} in:\n{text}");
        return double.Parse(lines[0][(series.Length + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture);
    }

    /// <summary>Family name → type, from the TYPE lines; every sample must belong to a family declared before it.</summary>
    public static IReadOnlyDictionary<string, string> Families(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var families = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.StartsWith("# TYPE ", StringComparison.Ordinal))
            {
                var parts = line.Split(' ');
                families.Add(parts[2], parts[3]);
            }
            else if (!line.StartsWith('#'))
            {
                var name = line.Split('{', ' ')[0];
                Assert.True(
                    families.ContainsKey(name) || families.Keys.Any(f => families[f] == "histogram" && (name == f + "_bucket" || name == f + "_sum" || name == f + "_count")),
                    $"sample {line} has no TYPE line before it");
                Assert.True(double.TryParse(line[(line.LastIndexOf(' ') + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture, out _), $"bad value in {line}");
            }
        }

        return families;
    }
}
