using System.Text.Json;
using System.Text.Json.Serialization;
using TrustyTrade.Core.Health;

namespace TrustyTrade.Functions.Health;

/// <summary>The JSON body of <c>GET /api/health</c>.</summary>
internal sealed record HealthResponse(
    string Status,
    IReadOnlyList<string> Down,
    IReadOnlyDictionary<string, HealthResponse.Check> Checks)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static string Serialize(HealthReport report) => JsonSerializer.Serialize(
        new HealthResponse(
            StatusOf(report.IsHealthy),
            [.. report.Down],
            report.Dependencies.ToDictionary(
                d => d.Name,
                d => new Check(StatusOf(d.IsHealthy), Math.Round(d.Duration.TotalMilliseconds, 1), d.Error))),
        Json);

    private static string StatusOf(bool healthy) => healthy ? "healthy" : "unhealthy";

    internal sealed record Check(string Status, double DurationMs, string? Error);
}
