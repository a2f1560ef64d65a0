namespace TrustyTrade.Core.Access.Admins;

/// <summary>
/// What an admin needs once, at enrolment or a reset: the TOTP secret (base32), the otpauth URI an authenticator app
/// scans, and the recovery codes. None of it is stored in the clear; ToString leaves the secrets out.
/// </summary>
public sealed record AdminSecondFactor(long UserId, string Login, string TotpSecret, string OtpAuthUri, IReadOnlyList<string> RecoveryCodes)
{
    public override string ToString() => $"AdminSecondFactor {{ UserId = {UserId}, Login = {Login} }}";
}
