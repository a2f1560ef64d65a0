using TrustyTrade.Core.Users;

namespace TrustyTrade.Infrastructure.Persistence;

/// <summary>A <c>users</c> row as Dapper reads it.</summary>
internal sealed record UserRow(
    long Id,
    long TelegramId,
    string? Username,
    string Language,
    string Role,
    bool IsBanned,
    decimal Rating,
    int RatingsCount,
    DateTime CreatedAt)
{
    public const string Columns = "id, telegram_id, username, language, role, is_banned, rating, ratings_count, created_at";

    public User ToUser() => new(
        Id, TelegramId, Username, Language, Role == "admin" ? UserRole.Admin : UserRole.User, IsBanned, Rating, RatingsCount,
        new DateTimeOffset(DateTime.SpecifyKind(CreatedAt, DateTimeKind.Utc)));
}
