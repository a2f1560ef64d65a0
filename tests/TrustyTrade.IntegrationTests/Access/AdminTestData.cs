using OtpNet;

namespace TrustyTrade.IntegrationTests.Access;

/// <summary>
/// Logins and client addresses no other test or earlier run uses: lockout counters live in a Redis the runs share,
/// and the fake clock starts at the same time in every run.
/// </summary>
internal static class AdminTestData
{
    public static string Login() => "adm-" + Guid.NewGuid().ToString("N")[..16];

    public static string ClientIp() => "test-" + Guid.NewGuid().ToString("N");

    /// <summary>The code an authenticator app shows at <paramref name="at"/>, computed as the app would (RFC 6238 defaults).</summary>
    public static string TotpCode(string secret, DateTimeOffset at) => new Totp(Base32Encoding.ToBytes(secret)).ComputeTotp(at.UtcDateTime);
}
