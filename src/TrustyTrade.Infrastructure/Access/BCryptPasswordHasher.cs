using Microsoft.Extensions.Options;
using TrustyTrade.Core.Access.Admins;

namespace TrustyTrade.Infrastructure.Access;

/// <summary>
/// bcrypt in its "enhanced" form: the password is pre-hashed with SHA-384, so the whole of a long password counts
/// (plain bcrypt ignores everything past 72 bytes).
/// </summary>
internal sealed class BCryptPasswordHasher(IOptions<AdminAuthOptions> options) : IPasswordHasher
{
    public string Hash(string password) => BCrypt.Net.BCrypt.EnhancedHashPassword(password, options.Value.PasswordWorkFactor);

    public bool Verify(string password, string hash)
    {
        try
        {
            return BCrypt.Net.BCrypt.EnhancedVerify(password, hash);
        }
        catch (BCrypt.Net.SaltParseException)
        {
            // A damaged stored hash: no password matches it.
            return false;
        }
    }
}
