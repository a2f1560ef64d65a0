using TrustyTrade.Core.Users;

namespace TrustyTrade.Core.Tests.Users;

/// <summary>A fake of Core's own <see cref="IUserStore"/> for the use cases that only look people up and list them.</summary>
internal sealed class FakeUserStore : IUserStore
{
    private readonly SortedDictionary<long, User> _users = [];

    /// <summary>Adds a user; their Telegram chat is 1000 + id unless given.</summary>
    public FakeUserStore Add(long id, long? telegramId = null, UserRole role = UserRole.User, bool banned = false, string language = "ru")
    {
        _users[id] = new User(id, telegramId ?? 1000 + id, null, language, role, banned, 0m, 0, DateTimeOffset.UnixEpoch);
        return this;
    }

    public Task<User?> FindAsync(long userId, CancellationToken cancellationToken) => Task.FromResult(_users.GetValueOrDefault(userId));

    public Task<IReadOnlyList<Recipient>> ListRecipientsAsync(long afterId, int limit, string? language, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<Recipient>>(
        [
            .. _users.Values.Where(u => u.Id > afterId && !u.IsBanned && (language is null || u.Language == language))
                .Take(limit).Select(u => new Recipient(u.Id, u.TelegramId, u.Language)),
        ]);

    public Task<User?> FindByTelegramIdAsync(long telegramId, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<User> UpsertFromTelegramAsync(TelegramProfile profile, string language, CancellationToken cancellationToken) =>
        throw new NotSupportedException();

    public Task<bool> SetLanguageAsync(long userId, string language, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<bool> SetBannedAsync(long userId, bool banned, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<bool> SetRoleAsync(long userId, UserRole role, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<IReadOnlyList<User>> ListAsync(UserFilter filter, long afterId, int limit, CancellationToken cancellationToken) =>
        throw new NotSupportedException();
}
