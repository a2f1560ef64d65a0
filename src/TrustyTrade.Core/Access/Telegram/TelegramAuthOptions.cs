using System.ComponentModel.DataAnnotations;

namespace TrustyTrade.Core.Access.Telegram;

/// <summary>How fresh Telegram's signed sign-in data must be.</summary>
public sealed class TelegramAuthOptions
{
    public const string SectionName = "TelegramAuth";

    /// <summary>The oldest auth_date accepted: a captured login link or initData replays only this long.</summary>
    [Range(60, 604_800)]
    public int MaxAgeSeconds { get; set; } = 86_400;

    /// <summary>How far auth_date may lie ahead of our clock (Telegram's and ours are never exactly in step).</summary>
    [Range(0, 3_600)]
    public int MaxClockSkewSeconds { get; set; } = 300;
}
