using System.Globalization;
using System.Security.Claims;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using TrustyTrade.Core.Access;
using TrustyTrade.Core.Users;

namespace TrustyTrade.Infrastructure.Access;

/// <summary>
/// HS256 JWTs. Validation is strict: our issuer and audience, an HS256 signature with our key (so <c>alg: none</c>
/// and any other algorithm fail), a lifetime on the app's clock, a subject and a known role.
/// </summary>
internal sealed class JwtAccessTokens : IAccessTokens
{
    private const string RoleClaim = "role";
    private static readonly TimeSpan ClockSkew = TimeSpan.FromSeconds(30);

    private readonly JsonWebTokenHandler _handler = new() { MapInboundClaims = false };
    private readonly ApiOptions _options;
    private readonly TimeProvider _time;
    private readonly SymmetricSecurityKey _key;
    private readonly TokenValidationParameters _validation;

    public JwtAccessTokens(IOptions<ApiOptions> options, TimeProvider time)
    {
        _options = options.Value;
        _time = time;
        _key = new SymmetricSecurityKey(SigningKeyBytes(_options.JwtSigningKey));
        _validation = new TokenValidationParameters
        {
            ValidIssuer = _options.JwtIssuer,
            ValidAudience = _options.JwtAudience,
            ValidateIssuer = true,
            ValidateAudience = true,
            ValidateIssuerSigningKey = true,
            IssuerSigningKey = _key,
            ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
            RequireSignedTokens = true,
            RequireExpirationTime = true,
            ValidateLifetime = true,
            LifetimeValidator = IsWithinLifetime,
            ClockSkew = ClockSkew,
        };
    }

    /// <summary>The configured key, which must be base64 of at least 32 bytes (HS256 wants a key as long as its hash).</summary>
    public static byte[] SigningKeyBytes(string base64)
    {
        var bytes = new byte[base64.Length];
        if (!Convert.TryFromBase64String(base64, bytes, out var written) || written < 32)
        {
            throw new OptionsValidationException(
                nameof(ApiOptions), typeof(ApiOptions), ["Api:JwtSigningKey must be base64 of at least 32 random bytes"]);
        }

        return bytes[..written];
    }

    public AccessToken Issue(long userId, UserRole role)
    {
        var now = _time.GetUtcNow();
        var expires = now.AddMinutes(_options.AccessTokenMinutes);
        var token = _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = _options.JwtIssuer,
            Audience = _options.JwtAudience,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = expires.UtcDateTime,
            Subject = new ClaimsIdentity(
            [
                new Claim(JwtRegisteredClaimNames.Sub, userId.ToString(CultureInfo.InvariantCulture)),
                new Claim(RoleClaim, RoleName(role)),
                new Claim(JwtRegisteredClaimNames.Jti, Guid.NewGuid().ToString("N")),
            ]),
            SigningCredentials = new SigningCredentials(_key, SecurityAlgorithms.HmacSha256),
        });
        return new AccessToken(token, expires);
    }

    public async Task<AccessTokenClaims?> ValidateAsync(string token)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 4096)
        {
            return null;
        }

        var result = await _handler.ValidateTokenAsync(token, _validation).ConfigureAwait(false);
        if (!result.IsValid
            || !result.Claims.TryGetValue(JwtRegisteredClaimNames.Sub, out var sub)
            || !long.TryParse(sub as string, NumberStyles.None, CultureInfo.InvariantCulture, out var userId)
            || !result.Claims.TryGetValue(RoleClaim, out var roleName))
        {
            return null;
        }

        return (roleName as string) switch
        {
            "user" => new AccessTokenClaims(userId, UserRole.User),
            "admin" => new AccessTokenClaims(userId, UserRole.Admin),
            _ => null,
        };
    }

    private static string RoleName(UserRole role) => role == UserRole.Admin ? "admin" : "user";

    private bool IsWithinLifetime(DateTime? notBefore, DateTime? expires, SecurityToken token, TokenValidationParameters parameters)
    {
        var now = _time.GetUtcNow().UtcDateTime;
        return expires is { } end && now < end + ClockSkew && (notBefore is not { } start || start <= now + ClockSkew);
    }
}
