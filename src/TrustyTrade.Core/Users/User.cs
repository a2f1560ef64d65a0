namespace TrustyTrade.Core.Users;

/// <summary>A person known by their Telegram identity. <see cref="Rating"/> is the mean of the ratings they received.</summary>
public sealed record User(
    long Id,
    long TelegramId,
    string? Username,
    string Language,
    UserRole Role,
    bool IsBanned,
    decimal Rating,
    int RatingsCount,
    DateTimeOffset CreatedAt);
