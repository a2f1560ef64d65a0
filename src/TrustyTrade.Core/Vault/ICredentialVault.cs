namespace TrustyTrade.Core.Vault;

/// <summary>
/// Seals and opens secrets (account credentials). <c>purpose</c> is bound to the ciphertext (e.g.
/// "listing-credentials:42"), so a secret copied to another record does not open.
/// </summary>
public interface ICredentialVault
{
    EncryptedSecret Encrypt(string plaintext, string purpose);

    /// <summary>Opens a secret; throws <see cref="CredentialVaultException"/> when it was tampered with, bound to another purpose, or sealed by an unknown key.</summary>
    string Decrypt(EncryptedSecret secret, string purpose);
}
