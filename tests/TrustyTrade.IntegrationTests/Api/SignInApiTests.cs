using System.Security.Cryptography;
using System.Text;
using TrustyTrade.Core.Access.Admins;
using TrustyTrade.IntegrationTests.Access;
using TrustyTrade.IntegrationTests.Infrastructure;

namespace TrustyTrade.IntegrationTests.Api;

/// <summary>Signing in over HTTP: a Telegram user with signed Mini App or Login Widget data, an admin with password and code.</summary>
[Collection(DatabaseCollectionDefinition.Name)]
public sealed class SignInApiTests : IAsyncLifetime
{
    private const string Password = "correct horse battery staple";
    private static readonly string BotToken = TestConfiguration.Build()["Telegram:BotToken"]!;

    private ApiTestHost _host = null!;

    public Task InitializeAsync()
    {
        _host = ApiTestHost.Start(new Dictionary<string, string?> { ["AdminAuth:PasswordWorkFactor"] = "10" });
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task MiniAppInitData_SignedByTheBot_GivesUserTokens()
    {
        var telegramId = Random.Shared.NextInt64(1_000_000, 9_000_000_000);

        var response = await _host.PostAsync("/api/auth/telegram", new { initData = InitData(telegramId) });

        Assert.Equal(200, response.Status);
        Assert.Equal("user", response.Json.GetProperty("role").GetString());
        var me = await _host.GetAsync("/api/me", ApiCredentials.Token(response.Json.GetProperty("accessToken").GetString()!));
        Assert.Equal(telegramId, me.Json.GetProperty("telegramId").GetInt64());
    }

    [Fact]
    public async Task MiniAppInitData_WithAnotherUserId_Is401()
    {
        var forged = InitData(42).Replace("%22id%22%3A42", "%22id%22%3A43", StringComparison.Ordinal);

        var response = await _host.PostAsync("/api/auth/telegram", new { initData = forged });

        Assert.Equal((401, "telegram-auth-invalid"), (response.Status, response.ProblemType));
    }

    [Fact]
    public async Task LoginWidgetData_SignedByTheBot_GivesUserTokens()
    {
        var response = await _host.PostAsync("/api/auth/telegram", new { widget = Widget(Random.Shared.NextInt64(1_000_000, 9_000_000_000)) });

        Assert.Equal(200, response.Status);
    }

    [Fact]
    public async Task LoginWidgetData_Tampered_Is401()
    {
        var widget = Widget(77);
        widget["username"] = "someone_else";

        var response = await _host.PostAsync("/api/auth/telegram", new { widget });

        Assert.Equal((401, "telegram-auth-invalid"), (response.Status, response.ProblemType));
    }

    [Fact]
    public async Task BothOrNeitherProof_Is400()
    {
        var both = await _host.PostAsync("/api/auth/telegram", new { initData = InitData(1), widget = Widget(1) });
        var neither = await _host.PostAsync("/api/auth/telegram", new { });

        Assert.Equal((400, 400), (both.Status, neither.Status));
    }

    [Fact]
    public async Task AdminWithPasswordAndCode_GetsAdminTokens()
    {
        var admin = await EnrolAsync();

        var response = await SignInAsync(admin.Login, Password, AdminTestData.TotpCode(admin.TotpSecret, _host.Time.GetUtcNow()));

        Assert.Equal(200, response.Status);
        Assert.Equal("admin", response.Json.GetProperty("role").GetString());
        var users = await _host.GetAsync("/api/users", ApiCredentials.Token(response.Json.GetProperty("accessToken").GetString()!));
        Assert.Equal(200, users.Status);
    }

    [Fact]
    public async Task AdminCodeUsedTwice_SecondSignInIs401()
    {
        var admin = await EnrolAsync();
        var code = AdminTestData.TotpCode(admin.TotpSecret, _host.Time.GetUtcNow());
        await SignInAsync(admin.Login, Password, code);

        var replay = await SignInAsync(admin.Login, Password, code);

        Assert.Equal((401, "invalid-credentials"), (replay.Status, replay.ProblemType));
    }

    [Fact]
    public async Task AdminAfterFiveFailures_IsLockedOutEvenWithTheRightPassword()
    {
        var admin = await EnrolAsync();
        for (var i = 0; i < 5; i++)
        {
            await SignInAsync(admin.Login, "wrong password, attempt " + i, "000000");
        }

        var locked = await SignInAsync(admin.Login, Password, AdminTestData.TotpCode(admin.TotpSecret, _host.Time.GetUtcNow()));

        Assert.Equal((429, "locked-out"), (locked.Status, locked.ProblemType));
        Assert.True(int.Parse(locked.Headers.RetryAfter.ToString(), System.Globalization.CultureInfo.InvariantCulture) > 0);
    }

    [Fact]
    public async Task AdminGuessesSentAllAtOnce_OnlyAsManyAsTheLimitAreChecked()
    {
        var admin = await EnrolAsync();

        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => SignInAsync(admin.Login, "guess number " + i, "000000")));

        Assert.Equal(5, answers.Count(a => a.ProblemType == "invalid-credentials"));
        Assert.Equal(15, answers.Count(a => a.ProblemType == "locked-out"));
    }

    private async Task<AdminSecondFactor> EnrolAsync()
    {
        var result = await _host.Get<AdminEnrolment>().CreateAsync(
            Random.Shared.NextInt64(1_000_000, 9_000_000_000), null, AdminTestData.Login(), Password, CancellationToken.None);
        return result.SecondFactor!;
    }

    private Task<ApiResponse> SignInAsync(string login, string password, string code) =>
        _host.PostAsync("/api/auth/admin", new { login, password, code });

    /// <summary>Mini App initData as Telegram signs it: HMAC-SHA256 keyed by HMAC-SHA256("WebAppData", bot token).</summary>
    private string InitData(long telegramId)
    {
        var fields = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["auth_date"] = _host.Time.GetUtcNow().ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["query_id"] = "AAHdF6IQAAAAAN0XohDhrOrc",
            ["user"] = $$"""{"id":{{telegramId}},"first_name":"Ivan","username":"ivan_{{telegramId}}","language_code":"ru"}""",
        };
        var secret = HMACSHA256.HashData(Encoding.UTF8.GetBytes("WebAppData"), Encoding.UTF8.GetBytes(BotToken));
        fields["hash"] = Convert.ToHexStringLower(HMACSHA256.HashData(secret, Encoding.UTF8.GetBytes(string.Join('\n', fields.Select(f => $"{f.Key}={f.Value}")))));
        return string.Join('&', fields.Select(f => $"{f.Key}={Uri.EscapeDataString(f.Value)}"));
    }

    /// <summary>Login Widget data as Telegram signs it: HMAC-SHA256 keyed by SHA-256 of the bot token.</summary>
    private Dictionary<string, object> Widget(long telegramId)
    {
        var fields = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["auth_date"] = _host.Time.GetUtcNow().ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["first_name"] = "Ivan",
            ["id"] = telegramId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["username"] = "ivan",
        };
        var hash = Convert.ToHexStringLower(HMACSHA256.HashData(
            SHA256.HashData(Encoding.UTF8.GetBytes(BotToken)), Encoding.UTF8.GetBytes(string.Join('\n', fields.Select(f => $"{f.Key}={f.Value}")))));
        return new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["id"] = telegramId,
            ["first_name"] = "Ivan",
            ["username"] = "ivan",
            ["auth_date"] = _host.Time.GetUtcNow().ToUnixTimeSeconds(),
            ["hash"] = hash,
        };
    }
}
