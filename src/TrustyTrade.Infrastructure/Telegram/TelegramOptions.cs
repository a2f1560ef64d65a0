using System.ComponentModel.DataAnnotations;

namespace TrustyTrade.Infrastructure.Telegram;

/// <summary>The bot's Bot API access. The token is a secret: it is never logged (the HTTP client logs nothing).</summary>
public sealed class TelegramOptions
{
    public const string SectionName = "Telegram";

    /// <summary>The token BotFather gave, "123456789:AA…".</summary>
    [Required]
    [RegularExpression(@"^\d+:[A-Za-z0-9_-]+$", ErrorMessage = "Telegram:BotToken must look like 123456789:ABC-def (the value is not shown).")]
    public string BotToken { get; set; } = "";

    /// <summary>The Bot API server: https://api.telegram.org, a local Bot API server, or a test fake.</summary>
    [Required]
    [Url]
    public string ApiBaseUrl { get; set; } = "https://api.telegram.org";

    [Range(1, 120)]
    public int RequestTimeoutSeconds { get; set; } = 30;
}
