using System.Security.Claims;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using TrustyTrade.Core.Users;
using TrustyTrade.IntegrationTests.Infrastructure;

namespace TrustyTrade.IntegrationTests.Api;

/// <summary>Bearer tokens are checked strictly: only an HS256 token we signed, for us, still in date, for a user still allowed.</summary>
[Collection(DatabaseCollectionDefinition.Name)]
public sealed class AccessTokenTests : IAsyncLifetime
{
    private static readonly string Issuer = TestConfiguration.Build()["Api:JwtIssuer"]!;
    private static readonly string Audience = TestConfiguration.Build()["Api:JwtAudience"]!;
    private static readonly byte[] Key = Convert.FromBase64String(TestConfiguration.Build()["Api:JwtSigningKey"]!);

    private ApiTestHost _host = null!;
    private ApiCredentials _user = null!;

    public async Task InitializeAsync()
    {
        _host = ApiTestHost.Start();
        _user = await _host.UserAsync();
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task TokenWeIssued_IsAccepted()
    {
        Assert.Equal(200, (await _host.GetAsync("/api/me", _user)).Status);
    }

    [Fact]
    public async Task TokenSignedTheSameWay_IsAccepted()
    {
        // The forging helper below makes real tokens when nothing is changed, so the refusals are about the change.
        Assert.Equal(200, (await MeAsync(Forge())).Status);
    }

    [Fact]
    public async Task AlgNone_Is401()
    {
        var header = Base64Url("""{"alg":"none","typ":"JWT"}""");
        var payload = Forge().Split('.')[1];

        Assert.Equal(401, (await MeAsync($"{header}.{payload}.")).Status);
    }

    [Fact]
    public async Task Expired_Is401()
    {
        var token = _user.Bearer!;
        _host.Time.Advance(TimeSpan.FromMinutes(16));

        Assert.Equal(401, (await _host.GetAsync("/api/me", _user with { Bearer = token })).Status);
    }

    [Fact]
    public async Task WrongAudience_Is401() => Assert.Equal(401, (await MeAsync(Forge(audience: "someone-else"))).Status);

    [Fact]
    public async Task WrongIssuer_Is401() => Assert.Equal(401, (await MeAsync(Forge(issuer: "someone-else"))).Status);

    [Fact]
    public async Task WrongSignature_Is401() => Assert.Equal(401, (await MeAsync(Forge(key: new byte[32]))).Status);

    [Fact]
    public async Task OtherAlgorithmWithOurKey_Is401()
    {
        // Signed by hand: the library won't make HS512 with a key this short, but an attacker's code would.
        var unsigned = $"{Base64Url("""{"alg":"HS512","typ":"JWT"}""")}.{Forge().Split('.')[1]}";
        var signature = Base64UrlEncoder.Encode(System.Security.Cryptography.HMACSHA512.HashData(Key, Encoding.ASCII.GetBytes(unsigned)));

        Assert.Equal(401, (await MeAsync($"{unsigned}.{signature}")).Status);
    }

    [Fact]
    public async Task PayloadChangedAfterSigning_Is401()
    {
        var parts = Forge().Split('.');
        var payload = Encoding.UTF8.GetString(Base64UrlEncoder.DecodeBytes(parts[1])).Replace("\"user\"", "\"admin\"", StringComparison.Ordinal);

        Assert.Equal(401, (await MeAsync($"{parts[0]}.{Base64Url(payload)}.{parts[2]}")).Status);
    }

    [Fact]
    public async Task WithoutExpiry_Is401() => Assert.Equal(401, (await MeAsync(Forge(expires: false))).Status);

    [Fact]
    public async Task BannedUsersToken_Is401()
    {
        await _host.Get<IUserStore>().SetBannedAsync(_user.UserId!.Value, true, CancellationToken.None);

        Assert.Equal(401, (await _host.GetAsync("/api/me", _user)).Status);
    }

    [Fact]
    public async Task DemotedAdminsAdminToken_Is401()
    {
        var admin = await _host.AdminAsync();
        await _host.Get<IUserStore>().SetRoleAsync(admin.UserId!.Value, UserRole.User, CancellationToken.None);

        Assert.Equal(401, (await _host.GetAsync("/api/me", admin)).Status);
    }

    [Fact]
    public async Task NotABearerScheme_Is401WithAProblem()
    {
        var response = await _host.SendAsync("GET", "/api/me", headers: new Dictionary<string, string> { ["Authorization"] = "Basic dXNlcjpwYXNz" });

        Assert.Equal((401, "unauthorized"), (response.Status, response.ProblemType));
    }

    private Task<ApiResponse> MeAsync(string token) => _host.GetAsync("/api/me", ApiCredentials.Token(token));

    private string Forge(string? issuer = null, string? audience = null, byte[]? key = null, bool expires = true)
    {
        var now = _host.Time.GetUtcNow().UtcDateTime;
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer ?? Issuer,
            Audience = audience ?? Audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = expires ? now.AddMinutes(5) : null,
            Subject = new ClaimsIdentity([new Claim("sub", _user.UserId!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)), new Claim("role", "user")]),
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(key ?? Key), SecurityAlgorithms.HmacSha256),
        });
    }

    private static string Base64Url(string text) => Base64UrlEncoder.Encode(text);
}
