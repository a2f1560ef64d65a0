using System.ComponentModel.DataAnnotations;

namespace TrustyTrade.Core.Bot;

/// <summary>How the webhook knows a request comes from Telegram, and how big an update it takes.</summary>
public sealed class TelegramWebhookOptions
{
    public const string SectionName = "Telegram";

    /// <summary>
    /// The secret given to setWebhook; Telegram sends it back in X-Telegram-Bot-Api-Secret-Token. Telegram allows
    /// 1–256 of A–Z, a–z, 0–9, _ and -; we ask for at least 32 so it can't be guessed.
    /// </summary>
    [Required]
    [RegularExpression("^[A-Za-z0-9_-]{32,256}$",
        ErrorMessage = "Telegram:WebhookSecret must be 32–256 letters, digits, _ or - (the value is not shown).")]
    public string WebhookSecret { get; set; } = "";

    /// <summary>
    /// The largest update body taken. It must fit one Storage queue message (64 KiB) once sealed: the ciphertext is
    /// base64 in its envelope (a third bigger) and the queue base64-encodes the message again (another third), so
    /// 36,000 bytes become about 64,150 characters. A Telegram message's text is at most 4,096 characters.
    /// </summary>
    [Range(1_024, 36_000)]
    public int MaxUpdateBytes { get; set; } = 36_000;

    /// <summary>How long an update id is remembered in Redis; Telegram keeps an undelivered update for 24 hours.</summary>
    [Range(1, 168)]
    public int SeenUpdateHours { get; set; } = 26;
}
