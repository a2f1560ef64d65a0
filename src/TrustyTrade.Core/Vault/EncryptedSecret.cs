namespace TrustyTrade.Core.Vault;

/// <summary>A sealed secret: the id of the key that sealed it and nonce (12 bytes) ‖ ciphertext ‖ tag (16 bytes).</summary>
public sealed record EncryptedSecret(string KeyId, byte[] Ciphertext)
{
    /// <summary>Names the key and the size only, so a secret never spills bytes into a log.</summary>
    public override string ToString() => $"EncryptedSecret {{ KeyId = {KeyId}, Length = {Ciphertext?.Length ?? 0} }}";
}
