using OtpNet;
using TrustyTrade.Core.Access.Admins;

namespace TrustyTrade.Infrastructure.Access;

internal sealed class OtpNetTotpAuthenticator : ITotpAuthenticator
{
    /// <summary>160 bits, the size RFC 4226 recommends for HMAC-SHA-1.</summary>
    private const int SecretBytes = 20;

    private static readonly VerificationWindow OneStepEitherWay = new(previous: 1, future: 1);

    public string NewSecret() => Base32Encoding.ToString(KeyGeneration.GenerateRandomKey(SecretBytes));

    public long? MatchStep(string secret, string code, DateTimeOffset now)
    {
        var totp = new Totp(Base32Encoding.ToBytes(secret), step: 30, mode: OtpHashMode.Sha1, totpSize: 6);
        return totp.VerifyTotp(now.UtcDateTime, code, out var step, OneStepEitherWay) ? step : null;
    }
}
