namespace TrustyTrade.Core.Access.Admins;

/// <summary>RFC 6238 one-time codes: 30 s steps, 6 digits, HMAC-SHA-1, as authenticator apps expect.</summary>
public interface ITotpAuthenticator
{
    /// <summary>A fresh random shared secret, base32 as authenticator apps take it.</summary>
    string NewSecret();

    /// <summary>
    /// The time step whose code <paramref name="code"/> is at <paramref name="now"/>, allowing one step of drift
    /// either way; null when it matches none. The caller accepts a step once (see <see cref="IAdminCredentialStore.TryUseTotpStepAsync"/>).
    /// </summary>
    long? MatchStep(string secret, string code, DateTimeOffset now);
}
