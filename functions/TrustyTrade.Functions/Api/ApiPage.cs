using System.Text.Json.Serialization;

namespace TrustyTrade.Functions.Api;

/// <summary>A page of a list: its items and the cursor of the next page (null on the last, and always written).</summary>
public sealed record ApiPage<T>(
    IReadOnlyList<T> Items,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? Next);
