namespace TrustyTrade.Functions.Api;

/// <summary>A page of a list: its items and the cursor of the next page (null on the last).</summary>
public sealed record ApiPage<T>(IReadOnlyList<T> Items, string? Next);
