namespace TrustyTrade.Core.Access.Telegram;

/// <summary>Why Telegram sign-in data was refused; stable, so an API can map each to its own problem type.</summary>
public enum TelegramAuthRefusal
{
    /// <summary>The fields are well formed but not signed with our bot's token (tampered, or another bot's).</summary>
    BadHash,

    /// <summary>Signed correctly, but auth_date is older than the allowed age or too far in the future.</summary>
    Expired,

    /// <summary>A required field is missing or repeated, or an id or date is not a number.</summary>
    Malformed,
}
