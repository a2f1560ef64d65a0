using Microsoft.Extensions.Logging;
using TrustyTrade.Core.Users;
using TrustyTrade.Core.Vault;

namespace TrustyTrade.Core.Access.Admins;

/// <summary>
/// An admin's web-panel sign-in: login, password, and a TOTP code or a recovery code in the same field. Every way to
/// fail gives the same answer and, as near as can be, takes the same time; failures are counted per login and
/// address, and a locked one is refused before its password is looked at.
/// </summary>
public sealed partial class AdminSignInService(
    IAdminCredentialStore credentials,
    IUserStore users,
    IPasswordHasher passwords,
    ITotpAuthenticator totp,
    ICredentialVault vault,
    ILoginThrottle throttle,
    TimeProvider time,
    ILogger<AdminSignInService> logger)
{
    private const string UnknownAddress = "unknown";
    private const string InvalidLogin = "-invalid-";
    private const int MaxAddressLength = 64;
    private const int TotpDigits = 6;

    /// <summary>
    /// A hash of a random password at the configured cost, checked when the login is unknown so the answer takes as
    /// long as for a known login with a wrong password. Made on first need: one hash costs a quarter of a second.
    /// </summary>
    private readonly Lazy<string> _dummyHash = new(() => passwords.Hash(Guid.NewGuid().ToString("N")));

    public async Task<AdminSignInResult> SignInAsync(
        string login, string password, string secondFactor, string? clientIp, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(password);
        ArgumentNullException.ThrowIfNull(secondFactor);
        // A login no admin can have is counted (and logged) under one name no admin can have, so a long or odd
        // string never becomes a Redis key or a log line.
        var loginKey = AdminLogin.Normalize(login ?? "") is var normalized && AdminLogin.IsValid(normalized) ? normalized : InvalidLogin;
        var address = clientIp?.Trim() is { Length: > 0 } ip ? ip[..Math.Min(ip.Length, MaxAddressLength)] : UnknownAddress;

        if (!await throttle.CountAttemptAsync(loginKey, address, cancellationToken).ConfigureAwait(false))
        {
            LogLockedOut(loginKey, address);
            var retryAfter = await throttle.RetryAfterAsync(loginKey, address, cancellationToken).ConfigureAwait(false);
            return AdminSignInResult.LockedOut(retryAfter ?? TimeSpan.FromSeconds(1));
        }

        var found = loginKey == InvalidLogin ? null : await credentials.FindByLoginAsync(loginKey, cancellationToken).ConfigureAwait(false);
        bool passwordMatches;
        if (found is not null && password.Length <= AdminEnrolment.MaxPasswordLength)
        {
            passwordMatches = passwords.Verify(password, found.PasswordHash);
        }
        else
        {
            // Spent for its time only: an unknown login is refused whatever this says.
            _ = passwords.Verify(password, _dummyHash.Value);
            passwordMatches = false;
        }

        if (found is null || !passwordMatches
            || await users.FindAsync(found.UserId, cancellationToken).ConfigureAwait(false) is not { Role: UserRole.Admin, IsBanned: false }
            || !await SecondFactorMatchesAsync(found, secondFactor, cancellationToken).ConfigureAwait(false))
        {
            LogRefused(loginKey, address);
            return AdminSignInResult.Invalid;
        }

        await throttle.ClearAsync(loginKey, cancellationToken).ConfigureAwait(false);
        LogSignedIn(found.UserId, address);
        return AdminSignInResult.Succeeded(found.UserId);
    }

    private async Task<bool> SecondFactorMatchesAsync(AdminCredentials admin, string secondFactor, CancellationToken cancellationToken)
    {
        var code = RecoveryCodes.Compact(secondFactor);
        if (code.Length == TotpDigits && code.All(char.IsAsciiDigit))
        {
            string secret;
            try
            {
                secret = vault.Decrypt(admin.TotpSecret, AdminEnrolment.TotpPurpose(admin.UserId));
            }
            catch (CredentialVaultException e)
            {
                LogSecretUnreadable(e, admin.UserId);
                return false;
            }

            return totp.MatchStep(secret, code, time.GetUtcNow()) is { } step
                && await credentials.TryUseTotpStepAsync(admin.UserId, step, cancellationToken).ConfigureAwait(false);
        }

        return RecoveryCodes.Normalize(code) is { } recoveryCode
            && await credentials.TryUseRecoveryCodeAsync(admin.UserId, RecoveryCodes.Hash(recoveryCode), cancellationToken).ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Admin sign-in refused for login {Login} from {ClientIp}")]
    private partial void LogRefused(string login, string clientIp);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Admin sign-in for login {Login} from {ClientIp} refused: locked out")]
    private partial void LogLockedOut(string login, string clientIp);

    [LoggerMessage(Level = LogLevel.Information, Message = "Admin {UserId} signed in from {ClientIp}")]
    private partial void LogSignedIn(long userId, string clientIp);

    [LoggerMessage(Level = LogLevel.Error, Message = "The TOTP secret of admin {UserId} can't be opened (was its vault key removed?)")]
    private partial void LogSecretUnreadable(Exception exception, long userId);
}
