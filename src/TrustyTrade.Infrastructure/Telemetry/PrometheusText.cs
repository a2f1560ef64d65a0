using System.Globalization;
using System.Text;
using TrustyTrade.Core.Deals;
using TrustyTrade.Core.Telemetry;

namespace TrustyTrade.Infrastructure.Telemetry;

/// <summary>The Prometheus text exposition format (0.0.4) of a snapshot and the instances' totals.</summary>
public static class PrometheusText
{
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    public static string Render(OperationsSnapshot snapshot, IReadOnlyDictionary<string, double> totals)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(totals);
        var text = new StringBuilder(4096);
        Family(text, PrometheusFamilies.Deals, snapshot.DealsByStatus.Select(s => Series("state", s.Status.ToName(), s.Count)));
        Family(text, PrometheusFamilies.EscrowHeld, snapshot.EscrowHeld.Select(m => Series("currency", m.Currency.ToString(), (double)m.Amount)));
        Family(text, PrometheusFamilies.PastDeadline, snapshot.PastDeadline.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => Series("deadline", p.Key, p.Value)));
        Family(text, PrometheusFamilies.DisputesOpen, [("", snapshot.OpenDisputes)]);
        Family(text, PrometheusFamilies.OldestDispute, [("", Math.Round(snapshot.OldestOpenDisputeAge.TotalSeconds, 3))]);
        Family(text, PrometheusFamilies.QueueMessages, snapshot.QueueMessages.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => Series("queue", p.Key, p.Value)));
        Family(text, PrometheusFamilies.OutboxPending, [("", snapshot.OutboxPending)]);
        Family(text, PrometheusFamilies.OldestOutbox, [("", Math.Round(snapshot.OldestOutboxPendingAge.TotalSeconds, 3))]);
        foreach (var family in PrometheusFamilies.Totals)
        {
            // A series of family F is "F{…}" or, for a histogram, "F_bucket{…}", "F_sum{…}", "F_count{…}".
            var series = totals
                .Where(t => t.Key.StartsWith(family.Name, StringComparison.Ordinal) && IsOf(family, t.Key.AsSpan(family.Name.Length)))
                .OrderBy(t => t.Key, StringComparer.Ordinal)
                .Select(t => (t.Key[family.Name.Length..], t.Value));
            Family(text, family, series);
        }

        return text.ToString();
    }

    /// <summary>Appends <c>name="value",</c> with the value escaped as the format asks (backslash, quote, newline).</summary>
    public static void AppendLabel(StringBuilder text, string name, string value)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(value);
        text.Append(name).Append("=\"");
        foreach (var c in value)
        {
            _ = c switch
            {
                '\\' => text.Append("\\\\"),
                '"' => text.Append("\\\""),
                '\n' => text.Append("\\n"),
                _ => text.Append(c),
            };
        }

        text.Append("\",");
    }

    private static bool IsOf(PrometheusFamily family, ReadOnlySpan<char> rest) =>
        rest.IsEmpty || rest[0] == '{'
        || (family.Type == PrometheusType.Histogram && (rest.StartsWith("_bucket{") || rest.StartsWith("_sum") || rest.StartsWith("_count")));

    private static (string Suffix, double Value) Series(string label, string value, double number)
    {
        var text = new StringBuilder("{");
        AppendLabel(text, label, value);
        text[^1] = '}';
        return (text.ToString(), number);
    }

    private static void Family(StringBuilder text, PrometheusFamily family, IEnumerable<(string Suffix, double Value)> series)
    {
        var type = family.Type.ToString().ToLowerInvariant();
        text.Append("# HELP ").Append(family.Name).Append(' ').Append(family.Help).Append('\n');
        text.Append("# TYPE ").Append(family.Name).Append(' ').Append(type).Append('\n');
        foreach (var (suffix, value) in series)
        {
            text.Append(family.Name).Append(suffix).Append(' ').Append(value.ToString("R", CultureInfo.InvariantCulture)).Append('\n');
        }
    }
}
