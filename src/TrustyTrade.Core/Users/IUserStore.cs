namespace TrustyTrade.Core.Users;

public interface IUserStore
{
    Task<User?> FindAsync(long userId, CancellationToken cancellationToken);

    Task<User?> FindByTelegramIdAsync(long telegramId, CancellationToken cancellationToken);

    /// <summary>
    /// Creates the user on first contact (with <paramref name="language"/>) or refreshes the username; a username
    /// another user held before is taken from them, since Telegram lets usernames change hands.
    /// </summary>
    Task<User> UpsertFromTelegramAsync(TelegramProfile profile, string language, CancellationToken cancellationToken);

    Task<bool> SetLanguageAsync(long userId, string language, CancellationToken cancellationToken);

    Task<bool> SetBannedAsync(long userId, bool banned, CancellationToken cancellationToken);

    Task<bool> SetRoleAsync(long userId, UserRole role, CancellationToken cancellationToken);

    /// <summary>
    /// Up to <paramref name="limit"/> users who are not banned, with ids above <paramref name="afterId"/> in id order,
    /// only those reading <paramref name="language"/> when it is given: a page of a message to many.
    /// </summary>
    Task<IReadOnlyList<Recipient>> ListRecipientsAsync(long afterId, int limit, string? language, CancellationToken cancellationToken);

    /// <summary>Up to <paramref name="limit"/> users matching <paramref name="filter"/> with ids above <paramref name="afterId"/>, in id order.</summary>
    Task<IReadOnlyList<User>> ListAsync(UserFilter filter, long afterId, int limit, CancellationToken cancellationToken);
}
