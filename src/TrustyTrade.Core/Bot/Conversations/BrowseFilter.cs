using TrustyTrade.Core.Monetary;

namespace TrustyTrade.Core.Bot.Conversations;

/// <summary>
/// What a user browses by, and the page tokens of the pages seen so far (page n starts after <c>Pages[n - 1]</c>), so
/// "previous" goes back without counting offsets.
/// </summary>
public sealed record BrowseFilter(
    string? Game = null,
    Currency? Currency = null,
    decimal? MinPrice = null,
    decimal? MaxPrice = null,
    string? Text = null,
    IReadOnlyList<string>? Pages = null);
