using System.ComponentModel.DataAnnotations;

namespace TrustyTrade.Core.Bot;

/// <summary>How the bot's conversations behave.</summary>
public sealed class BotOptions
{
    public const string SectionName = "Bot";

    /// <summary>The games offered as buttons when selling and browsing, comma-separated; any other can be typed.</summary>
    [Required]
    [MinLength(1)]
    public string Games { get; set; } = "Brawl Stars,Clash of Clans,Clash Royale,Genshin Impact,PUBG Mobile,Standoff 2,Valorant,Dota 2";

    /// <summary>Where /support sends people: a Telegram @handle or an e-mail address.</summary>
    [Required]
    [MinLength(2)]
    public string SupportContact { get; set; } = "@TrustyTradeSupport";

    /// <summary>How long an unfinished wizard (selling, a filter, a chat) is remembered after its last step.</summary>
    [Range(1, 7 * 24 * 60)]
    public int ConversationMinutes { get; set; } = 60;

    /// <summary>Listings per page of search results.</summary>
    [Range(1, 10)]
    public int ListingsPerPage { get; set; } = 5;

    /// <summary>Deals and listings shown in "my deals" and "my listings".</summary>
    [Range(1, 20)]
    public int MineShown { get; set; } = 10;

    public IReadOnlyList<string> GameList =>
        [.. Games.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.OrdinalIgnoreCase)];
}
