using TrustyTrade.Core.Vault;

namespace TrustyTrade.Core.Access.Admins;

/// <summary>Admins' credentials and recovery codes (stored as hashes only). Logins compare case-insensitively.</summary>
public interface IAdminCredentialStore
{
    Task<AdminCredentials?> FindByLoginAsync(string login, CancellationToken cancellationToken);

    Task<AdminCredentials?> FindByUserIdAsync(long userId, CancellationToken cancellationToken);

    /// <summary>
    /// Stores the credentials with their recovery codes and makes the user an admin, in one transaction; false (and
    /// nothing changed) when the login is taken or the user has credentials already.
    /// </summary>
    Task<bool> CreateAsync(AdminCredentials credentials, IReadOnlyCollection<string> recoveryCodeHashes, CancellationToken cancellationToken);

    /// <summary>A new TOTP secret and new recovery codes in place of all the old ones; false for a user without credentials.</summary>
    Task<bool> ReplaceSecondFactorAsync(
        long userId, EncryptedSecret totpSecret, IReadOnlyCollection<string> recoveryCodeHashes, CancellationToken cancellationToken);

    /// <summary>Accepts a TOTP time step only when it is later than the last one accepted, atomically: a code works once.</summary>
    Task<bool> TryUseTotpStepAsync(long userId, long timeStep, CancellationToken cancellationToken);

    /// <summary>Marks an unused recovery code used, atomically; false when there is no such unused code.</summary>
    Task<bool> TryUseRecoveryCodeAsync(long userId, string codeHash, CancellationToken cancellationToken);
}
