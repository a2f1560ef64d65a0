using Microsoft.Extensions.Logging;
using TrustyTrade.Core.Access;

namespace TrustyTrade.Core.Users;

/// <summary>
/// Users from their Telegram identity; admins ban, unban and appoint. A ban or a demotion also ends the user's API
/// sign-ins, whichever way it was made.
/// </summary>
public sealed partial class UserService(IUserStore users, IRefreshTokenStore sessions, TimeProvider time, ILogger<UserService> logger)
{
    private const int MaxUsernameLength = 64;

    public Task<User> RegisterAsync(TelegramProfile profile, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(profile.TelegramId);
        var username = string.IsNullOrWhiteSpace(profile.Username) || profile.Username.Length > MaxUsernameLength
            ? null
            : profile.Username.Trim().TrimStart('@');
        return users.UpsertFromTelegramAsync(
            profile with { Username = username }, UserLanguages.FromTelegram(profile.LanguageCode), cancellationToken);
    }

    public Task<User?> FindAsync(long userId, CancellationToken cancellationToken) => users.FindAsync(userId, cancellationToken);

    public Task<User?> FindByTelegramIdAsync(long telegramId, CancellationToken cancellationToken) =>
        users.FindByTelegramIdAsync(telegramId, cancellationToken);

    public Task<IReadOnlyList<User>> ListAsync(UserFilter filter, long afterId, int limit, CancellationToken cancellationToken) =>
        users.ListAsync(filter, afterId, limit, cancellationToken);

    /// <summary>Switches the bot's language for a user; false for a language the bot doesn't speak or an unknown user.</summary>
    public async Task<bool> SetLanguageAsync(long userId, string language, CancellationToken cancellationToken) =>
        UserLanguages.IsSupported(language) && await users.SetLanguageAsync(userId, language, cancellationToken).ConfigureAwait(false);

    /// <summary>An admin blocks or unblocks a user. Admins can't be banned (demote them first), nor can one ban oneself.</summary>
    public async Task<UserChange> SetBannedAsync(long adminId, long userId, bool banned, CancellationToken cancellationToken)
    {
        if (!await IsAdminAsync(adminId, cancellationToken).ConfigureAwait(false))
        {
            return UserChange.NotAdmin;
        }

        var user = await users.FindAsync(userId, cancellationToken).ConfigureAwait(false);
        if (user is null)
        {
            return UserChange.NotFound;
        }

        if (user.Role == UserRole.Admin)
        {
            return UserChange.NotAllowed;
        }

        await users.SetBannedAsync(userId, banned, cancellationToken).ConfigureAwait(false);
        if (banned)
        {
            await sessions.RevokeUserAsync(userId, time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        }
        LogBanned(userId, banned, adminId);
        return UserChange.Done;
    }

    /// <summary>An admin appoints or demotes another admin.</summary>
    public async Task<UserChange> SetRoleAsync(long adminId, long userId, UserRole role, CancellationToken cancellationToken)
    {
        if (!await IsAdminAsync(adminId, cancellationToken).ConfigureAwait(false))
        {
            return UserChange.NotAdmin;
        }

        if (adminId == userId)
        {
            return UserChange.NotAllowed;
        }

        if (!await users.SetRoleAsync(userId, role, cancellationToken).ConfigureAwait(false))
        {
            return UserChange.NotFound;
        }

        if (role == UserRole.User)
        {
            await sessions.RevokeUserAsync(userId, time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        }

        LogRole(userId, role, adminId);
        return UserChange.Done;
    }

    private async Task<bool> IsAdminAsync(long userId, CancellationToken cancellationToken) =>
        await users.FindAsync(userId, cancellationToken).ConfigureAwait(false) is { Role: UserRole.Admin, IsBanned: false };

    [LoggerMessage(Level = LogLevel.Information, Message = "User {UserId} banned = {Banned} by admin {AdminId}")]
    private partial void LogBanned(long userId, bool banned, long adminId);

    [LoggerMessage(Level = LogLevel.Information, Message = "User {UserId} is now {Role}, set by admin {AdminId}")]
    private partial void LogRole(long userId, UserRole role, long adminId);
}
