using System.ComponentModel.DataAnnotations;

namespace TrustyTrade.Core.Listings;

public sealed class ListingOptions
{
    public const string SectionName = "Listings";

    /// <summary>The highest price a Stars listing may ask (Telegram caps what one invoice may charge).</summary>
    [Range(1, 1_000_000)]
    public int MaxPriceXtr { get; set; } = 100_000;

    /// <summary>The highest price a USDT listing may ask.</summary>
    [Range(1, 10_000_000)]
    public int MaxPriceUsdt { get; set; } = 100_000;

    /// <summary>How many listings one search page returns at most.</summary>
    [Range(1, 100)]
    public int MaxPageSize { get; set; } = 50;
}
