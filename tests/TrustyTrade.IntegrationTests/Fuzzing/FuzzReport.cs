using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging;
using TrustyTrade.IntegrationTests.Infrastructure;

namespace TrustyTrade.IntegrationTests.Fuzzing;

/// <summary>
/// What a hostile-input run saw: answers counted by status, and findings (a 5xx, an exception, an error logged,
/// something stored from refused input), each with what replays it: master seed, case index, target, body.
/// </summary>
internal sealed class FuzzReport(string suite, CapturedLogs logs)
{
    private const int ShownFindings = 15;

    private readonly Stopwatch _elapsed = Stopwatch.StartNew();
    private readonly SortedDictionary<string, int> _outcomes = new(StringComparer.Ordinal);
    private readonly List<string> _findings = [];
    private int _logsSeen = logs.Lines.Count;

    public int Cases { get; private set; }

    public IReadOnlyList<string> Findings => _findings;

    public void Count(string outcome)
    {
        Cases++;
        _outcomes[outcome] = _outcomes.GetValueOrDefault(outcome) + 1;
    }

    public void Finding(int index, string target, ReadOnlySpan<byte> body, string what) =>
        _findings.Add(string.Create(
            CultureInfo.InvariantCulture,
            $"case {index} ({target}): {what}\n    body ({body.Length} bytes): {Printable(body)}"));

    /// <summary>
    /// Error lines with an exception logged since the last call, each a finding of case <paramref name="index"/> (an
    /// error line without one is an operator's alert by design, e.g. Stars no deal can take, to refund by hand).
    /// </summary>
    public void ErrorsLogged(int index, string target, ReadOnlySpan<byte> body)
    {
        var lines = logs.Lines.Skip(_logsSeen).ToList();
        _logsSeen += lines.Count;
        foreach (var line in lines.Where(l => l.Level >= LogLevel.Error && l.Exception is not null))
        {
            Finding(index, target, body, $"logged {line.Level} in {line.Category}: {line.Message} {line.Exception?.GetType().Name}: {line.Exception?.Message}");
        }
    }

    public string Summary() => string.Create(
        CultureInfo.InvariantCulture,
        $"{suite}: {Cases} cases in {_elapsed.Elapsed.TotalSeconds:F1} s (seed {FuzzSettings.Seed}, TT_FUZZ_SEED replays it); "
        + $"answers: {string.Join(", ", _outcomes.Select(o => $"{o.Key} ×{o.Value}"))}; findings: {_findings.Count}");

    /// <summary>The summary, then the first findings: the failure message.</summary>
    public string Failure() =>
        Summary() + "\n" + string.Join("\n", _findings.Take(ShownFindings))
        + (_findings.Count > ShownFindings ? $"\n… and {_findings.Count - ShownFindings} more" : "");

    /// <summary>At most 300 characters of the body, control characters and invalid UTF-8 shown escaped.</summary>
    private static string Printable(ReadOnlySpan<byte> body)
    {
        var text = Encoding.UTF8.GetString(body[..Math.Min(body.Length, 600)]);
        var shown = new StringBuilder();
        foreach (var c in text)
        {
            if (shown.Length >= 300)
            {
                shown.Append('…');
                break;
            }

            if (char.IsControl(c) || char.IsSurrogate(c) || c == '\uFFFD')
            {
                shown.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
            }
            else
            {
                shown.Append(c);
            }
        }

        return shown.ToString();
    }
}
