using System.Globalization;
using Microsoft.Extensions.Logging;
using TrustyTrade.Core.Users;
using TrustyTrade.Core.Vault;

namespace TrustyTrade.Core.Access.Admins;

/// <summary>Gives a Telegram user web-panel credentials and the admin role, and renews an admin's second factor.</summary>
public sealed partial class AdminEnrolment(
    IAdminCredentialStore credentials,
    UserService users,
    IPasswordHasher passwords,
    ITotpAuthenticator totp,
    ICredentialVault vault,
    ILogger<AdminEnrolment> logger)
{
    public const int MinPasswordLength = 12;
    public const int MaxPasswordLength = 128;
    private const string Issuer = "TrustyTrade";

    /// <summary>Binds a sealed TOTP secret to its admin, so a secret copied to another row does not open.</summary>
    public static string TotpPurpose(long userId) => "admin-totp:" + userId.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// Registers the Telegram user if new (an existing user keeps their username unless one is given), makes them an
    /// admin with this login and password, and returns their second factor, to be shown once.
    /// </summary>
    public async Task<AdminEnrolmentResult> CreateAsync(
        long telegramId, string? username, string login, string password, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(password);
        login = login?.Trim() ?? "";
        var refusal = telegramId <= 0 ? AdminEnrolmentOutcome.InvalidTelegramId
            : !AdminLogin.IsValid(login) ? AdminEnrolmentOutcome.InvalidLogin
            : password.Length < MinPasswordLength ? AdminEnrolmentOutcome.PasswordTooShort
            : password.Length > MaxPasswordLength ? AdminEnrolmentOutcome.PasswordTooLong
            : (AdminEnrolmentOutcome?)null;
        if (refusal is not null)
        {
            return AdminEnrolmentResult.Refused(refusal.Value);
        }

        if (await credentials.FindByLoginAsync(login, cancellationToken).ConfigureAwait(false) is not null)
        {
            return AdminEnrolmentResult.Refused(AdminEnrolmentOutcome.LoginTaken);
        }

        var user = await users.FindByTelegramIdAsync(telegramId, cancellationToken).ConfigureAwait(false);
        if (user is null || username is not null)
        {
            user = await users.RegisterAsync(new TelegramProfile(telegramId, username, null), cancellationToken).ConfigureAwait(false);
        }

        if (user.IsBanned)
        {
            return AdminEnrolmentResult.Refused(AdminEnrolmentOutcome.UserBanned);
        }

        if (await credentials.FindByUserIdAsync(user.Id, cancellationToken).ConfigureAwait(false) is not null)
        {
            return AdminEnrolmentResult.Refused(AdminEnrolmentOutcome.AlreadyEnrolled);
        }

        var (secondFactor, sealedSecret, codeHashes) = NewSecondFactor(user.Id, login);
        var stored = new AdminCredentials(user.Id, login, passwords.Hash(password), sealedSecret);
        if (!await credentials.CreateAsync(stored, codeHashes, cancellationToken).ConfigureAwait(false))
        {
            // Another enrolment took the login (or this user) between the checks and the insert.
            return AdminEnrolmentResult.Refused(AdminEnrolmentOutcome.LoginTaken);
        }

        LogEnrolled(user.Id, login);
        return new AdminEnrolmentResult(AdminEnrolmentOutcome.Created, secondFactor);
    }

    /// <summary>A new TOTP secret and new recovery codes for the admin; the old secret and every old code stop working.</summary>
    public async Task<AdminEnrolmentResult> ResetSecondFactorAsync(string login, CancellationToken cancellationToken)
    {
        login = login?.Trim() ?? "";
        var found = AdminLogin.IsValid(login) ? await credentials.FindByLoginAsync(login, cancellationToken).ConfigureAwait(false) : null;
        if (found is null)
        {
            return AdminEnrolmentResult.Refused(AdminEnrolmentOutcome.NotFound);
        }

        var (secondFactor, sealedSecret, codeHashes) = NewSecondFactor(found.UserId, found.Login);
        if (!await credentials.ReplaceSecondFactorAsync(found.UserId, sealedSecret, codeHashes, cancellationToken).ConfigureAwait(false))
        {
            return AdminEnrolmentResult.Refused(AdminEnrolmentOutcome.NotFound);
        }

        LogSecondFactorReset(found.UserId, found.Login);
        return new AdminEnrolmentResult(AdminEnrolmentOutcome.SecondFactorReset, secondFactor);
    }

    private (AdminSecondFactor Shown, EncryptedSecret Sealed, string[] CodeHashes) NewSecondFactor(long userId, string login)
    {
        var secret = totp.NewSecret();
        var codes = RecoveryCodes.Generate();
        var uri = $"otpauth://totp/{Issuer}:{Uri.EscapeDataString(login)}?secret={secret}&issuer={Issuer}";
        return (
            new AdminSecondFactor(userId, login, secret, uri, codes),
            vault.Encrypt(secret, TotpPurpose(userId)),
            [.. codes.Select(RecoveryCodes.Hash)]);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "User {UserId} enrolled as admin with login {Login}")]
    private partial void LogEnrolled(long userId, string login);

    [LoggerMessage(Level = LogLevel.Information, Message = "Second factor of admin {UserId} ({Login}) reset")]
    private partial void LogSecondFactorReset(long userId, string login);
}
