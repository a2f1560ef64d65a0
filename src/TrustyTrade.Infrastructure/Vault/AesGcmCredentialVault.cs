using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using TrustyTrade.Core.Vault;

namespace TrustyTrade.Infrastructure.Vault;

/// <summary>
/// AES-256-GCM: a fresh random 96-bit nonce per secret, a 128-bit tag, the purpose as associated data. The key id
/// travels beside the ciphertext, so rotating keys leaves old secrets readable.
/// </summary>
internal sealed class AesGcmCredentialVault : ICredentialVault
{
    private const int NonceSize = 12;
    private const int TagSize = 16;

    private readonly VaultKeyRing _ring;
    private readonly string _activeKeyId;

    public AesGcmCredentialVault(IOptions<VaultOptions> options)
    {
        var value = options.Value;
        (var ring, var error) = VaultKeyRing.Parse(value);
        _ring = ring ?? throw new OptionsValidationException(VaultOptions.SectionName, typeof(VaultOptions), [error!]);
        _activeKeyId = value.ActiveKeyId;
    }

    public EncryptedSecret Encrypt(string plaintext, string purpose)
    {
        ArgumentNullException.ThrowIfNull(plaintext);
        ArgumentException.ThrowIfNullOrEmpty(purpose);
        var plain = Encoding.UTF8.GetBytes(plaintext);
        try
        {
            var sealedBytes = new byte[NonceSize + plain.Length + TagSize];
            var nonce = sealedBytes.AsSpan(0, NonceSize);
            RandomNumberGenerator.Fill(nonce);
            using var aes = new AesGcm(_ring.Keys[_activeKeyId], TagSize);
            aes.Encrypt(nonce, plain, sealedBytes.AsSpan(NonceSize, plain.Length), sealedBytes.AsSpan(NonceSize + plain.Length), Encoding.UTF8.GetBytes(purpose));
            return new EncryptedSecret(_activeKeyId, sealedBytes);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plain);
        }
    }

    public string Decrypt(EncryptedSecret secret, string purpose)
    {
        ArgumentNullException.ThrowIfNull(secret);
        ArgumentException.ThrowIfNullOrEmpty(purpose);
        if (secret.KeyId is null || !_ring.Keys.TryGetValue(secret.KeyId, out var key))
        {
            throw new CredentialVaultException($"the secret was sealed with key '{secret.KeyId}', which is not configured");
        }

        var sealedBytes = secret.Ciphertext;
        if (sealedBytes is null || sealedBytes.Length < NonceSize + TagSize)
        {
            throw new CredentialVaultException("the secret is truncated");
        }

        var length = sealedBytes.Length - NonceSize - TagSize;
        var plain = new byte[length];
        try
        {
            using var aes = new AesGcm(key, TagSize);
            aes.Decrypt(sealedBytes.AsSpan(0, NonceSize), sealedBytes.AsSpan(NonceSize, length), sealedBytes.AsSpan(NonceSize + length),
                plain, Encoding.UTF8.GetBytes(purpose));
            return Encoding.UTF8.GetString(plain);
        }
        catch (CryptographicException ex)
        {
            // A tag mismatch (AuthenticationTagMismatchException) is the expected case: tampered bytes or another purpose.
            throw new CredentialVaultException("the secret was tampered with or belongs to another record", ex);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plain);
        }
    }
}
