namespace TrustyTrade.Core.Vault;

/// <summary>A secret could not be opened. The message never holds the plaintext or key material.</summary>
public sealed class CredentialVaultException : Exception
{
    public CredentialVaultException()
    {
    }

    public CredentialVaultException(string message)
        : base(message)
    {
    }

    public CredentialVaultException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
