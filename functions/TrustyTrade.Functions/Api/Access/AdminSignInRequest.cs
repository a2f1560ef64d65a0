namespace TrustyTrade.Functions.Api.Access;

/// <summary>An admin's login, password and second factor (a TOTP code or a recovery code).</summary>
public sealed record AdminSignInRequest(string Login, string Password, string Code)
{
    public override string ToString() => $"AdminSignInRequest {{ Login = {Login}, Password = ***, Code = *** }}";
}
