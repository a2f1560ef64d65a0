using System.Text;
using TrustyTrade.Core.Vault;

namespace TrustyTrade.Core.Tests.Telemetry;

/// <summary>A stand-in vault (no cryptography) that, like the real one, opens only what was sealed for the same purpose.</summary>
internal sealed class PurposeBoundVault : ICredentialVault
{
    public EncryptedSecret Encrypt(string plaintext, string purpose) =>
        new("fake", Encoding.UTF8.GetBytes(purpose + "\n" + plaintext));

    public string Decrypt(EncryptedSecret secret, string purpose)
    {
        ArgumentNullException.ThrowIfNull(secret);
        var text = Encoding.UTF8.GetString(secret.Ciphertext);
        return text.StartsWith(purpose + "\n", StringComparison.Ordinal)
            ? text[(purpose.Length + 1)..]
            : throw new CredentialVaultException("sealed for another purpose");
    }
}
