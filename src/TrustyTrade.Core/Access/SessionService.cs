using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TrustyTrade.Core.Users;

namespace TrustyTrade.Core.Access;

/// <summary>
/// API sessions: a short-lived access token plus a refresh token that is good for one use. Users start one with a
/// verified Telegram identity, admins after password and second factor (the admin sign-in hands over the user).
/// Each refresh looks at the user again, so a ban or a demotion ends the session at the next refresh at the latest.
/// </summary>
public sealed partial class SessionService(
    IAccessTokens accessTokens,
    IRefreshTokenStore refreshTokens,
    UserService users,
    TimeProvider time,
    IOptions<ApiOptions> options,
    ILogger<SessionService> logger)
{
    private const int RefreshTokenBytes = 32;

    private readonly ApiOptions _options = options.Value;

    /// <summary>A user who proved their Telegram identity: registered on first sight, as the bot would.</summary>
    public async Task<SessionResult> SignInWithTelegramAsync(TelegramProfile profile, CancellationToken cancellationToken)
    {
        var user = await users.RegisterAsync(profile, cancellationToken).ConfigureAwait(false);
        if (user.IsBanned)
        {
            return SessionResult.Refused(SessionRefusal.UserBanned);
        }

        // The Telegram sign-in gives user rights only, admin or not: admin rights need the password and second factor.
        return SessionResult.Issued(await StartAsync(user.Id, UserRole.User, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>An admin who passed the password and second-factor checks.</summary>
    public async Task<SessionResult> StartAdminAsync(long userId, CancellationToken cancellationToken)
    {
        var user = await users.FindAsync(userId, cancellationToken).ConfigureAwait(false);
        if (user is not { Role: UserRole.Admin, IsBanned: false })
        {
            return SessionResult.Refused(SessionRefusal.NotAdmin);
        }

        return SessionResult.Issued(await StartAsync(userId, UserRole.Admin, cancellationToken).ConfigureAwait(false));
    }

    public async Task<SessionResult> RefreshAsync(string refreshToken, CancellationToken cancellationToken)
    {
        if (!TryHash(refreshToken, out var hash))
        {
            return SessionResult.Refused(SessionRefusal.InvalidToken);
        }

        var now = time.GetUtcNow();
        var use = await refreshTokens.UseAsync(hash, now, cancellationToken).ConfigureAwait(false);
        if (use.State == RefreshTokenState.Reused)
        {
            LogReused(use.Token!.UserId);
        }

        if (use is not { State: RefreshTokenState.Accepted, Token: { } token })
        {
            return SessionResult.Refused(SessionRefusal.InvalidToken);
        }

        var user = await users.FindAsync(token.UserId, cancellationToken).ConfigureAwait(false);
        if (user is null || user.IsBanned || (token.Role == UserRole.Admin && user.Role != UserRole.Admin))
        {
            await refreshTokens.RevokeUserAsync(token.UserId, now, cancellationToken).ConfigureAwait(false);
            return SessionResult.Refused(user is { IsBanned: true } ? SessionRefusal.UserBanned : SessionRefusal.NotAdmin);
        }

        // A user's session slides with use; an admin's ends when the sign-in's working day does.
        var expiresAt = token.Role == UserRole.Admin ? token.ExpiresAt : now.AddDays(_options.RefreshTokenDays);
        return SessionResult.Issued(await IssueAsync(token.UserId, token.Role, token.Family, expiresAt, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>Ends the sign-in the refresh token belongs to; false when the token is not one of ours.</summary>
    public async Task<bool> SignOutAsync(string refreshToken, CancellationToken cancellationToken) =>
        TryHash(refreshToken, out var hash)
        && await refreshTokens.RevokeFamilyAsync(hash, time.GetUtcNow(), cancellationToken).ConfigureAwait(false);

    private Task<TokenPair> StartAsync(long userId, UserRole role, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var expiresAt = role == UserRole.Admin ? now.AddHours(_options.AdminSessionHours) : now.AddDays(_options.RefreshTokenDays);
        return IssueAsync(userId, role, Guid.NewGuid(), expiresAt, cancellationToken);
    }

    private async Task<TokenPair> IssueAsync(long userId, UserRole role, Guid family, DateTimeOffset refreshExpiresAt, CancellationToken cancellationToken)
    {
        var refreshToken = Base64Url(RandomNumberGenerator.GetBytes(RefreshTokenBytes));
        await refreshTokens.InsertAsync(
            new RefreshTokenRecord(Hash(refreshToken), family, userId, role, time.GetUtcNow(), refreshExpiresAt),
            cancellationToken).ConfigureAwait(false);
        var access = accessTokens.Issue(userId, role);
        return new TokenPair(userId, role, access.Token, access.ExpiresAt, refreshToken, refreshExpiresAt);
    }

    private static bool TryHash(string? refreshToken, out byte[] hash)
    {
        // Ours are 43 base64url characters; anything else is not looked up.
        if (refreshToken is null || refreshToken.Length != 43 || !refreshToken.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            hash = [];
            return false;
        }

        hash = Hash(refreshToken);
        return true;
    }

    private static byte[] Hash(string refreshToken) => SHA256.HashData(Encoding.ASCII.GetBytes(refreshToken));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    [LoggerMessage(Level = LogLevel.Warning, Message = "A refresh token of user {UserId} was used twice: the sign-in it belongs to is revoked")]
    private partial void LogReused(long userId);
}
