using System.ComponentModel.DataAnnotations;

namespace TrustyTrade.Core.Health;

public sealed class HealthOptions
{
    public const string SectionName = "Health";

    /// <summary>How long one probe may take before its dependency counts as down.</summary>
    [Range(100, 30_000)]
    public int ProbeTimeoutMilliseconds { get; set; } = 2_000;
}
