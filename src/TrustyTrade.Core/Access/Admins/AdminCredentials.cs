using TrustyTrade.Core.Vault;

namespace TrustyTrade.Core.Access.Admins;

/// <summary>An admin's web-panel sign-in: login, password hash and the sealed TOTP secret.</summary>
public sealed record AdminCredentials(long UserId, string Login, string PasswordHash, EncryptedSecret TotpSecret)
{
    /// <summary>Leaves the password hash out, so it can't reach a log.</summary>
    public override string ToString() => $"AdminCredentials {{ UserId = {UserId}, Login = {Login} }}";
}
