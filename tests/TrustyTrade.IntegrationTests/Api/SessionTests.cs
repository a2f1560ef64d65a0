using TrustyTrade.Core.Access;
using TrustyTrade.Core.Users;
using TrustyTrade.IntegrationTests.Infrastructure;

namespace TrustyTrade.IntegrationTests.Api;

/// <summary>Refresh tokens: one use each, a reused one ends the sign-in, sign-out ends it, bans and demotions end it.</summary>
[Collection(DatabaseCollectionDefinition.Name)]
public sealed class SessionTests : IAsyncLifetime
{
    private static int _nextTelegramId = 700_000_000 + Random.Shared.Next(1_000_000);

    private ApiTestHost _host = null!;

    public Task InitializeAsync()
    {
        _host = ApiTestHost.Start();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Refresh_GivesNewTokensThatWork()
    {
        var first = await SignInAsync();

        var response = await RefreshAsync(first.RefreshToken);

        Assert.Equal(200, response.Status);
        var access = response.Json.GetProperty("accessToken").GetString()!;
        Assert.Equal(200, (await _host.GetAsync("/api/me", ApiCredentials.Token(access))).Status);
        Assert.NotEqual(first.RefreshToken, response.Json.GetProperty("refreshToken").GetString());
    }

    [Fact]
    public async Task RefreshTokenUsedTwice_IsRefusedAndEndsTheSignIn()
    {
        var first = await SignInAsync();
        var second = (await RefreshAsync(first.RefreshToken)).Json.GetProperty("refreshToken").GetString()!;

        var replay = await RefreshAsync(first.RefreshToken);
        var afterTheft = await RefreshAsync(second);

        Assert.Equal((401, 401), (replay.Status, afterTheft.Status));
    }

    [Fact]
    public async Task SignOut_EndsTheSignIn()
    {
        var tokens = await SignInAsync();

        Assert.Equal(204, (await _host.PostAsync("/api/auth/signout", new { refreshToken = tokens.RefreshToken })).Status);
        Assert.Equal(401, (await RefreshAsync(tokens.RefreshToken)).Status);
    }

    [Fact]
    public async Task BannedUser_CanNotRefresh()
    {
        var tokens = await SignInAsync();
        await _host.Get<IUserStore>().SetBannedAsync(tokens.UserId, true, CancellationToken.None);

        var response = await RefreshAsync(tokens.RefreshToken);

        Assert.Equal((403, "user-banned"), (response.Status, response.ProblemType));
    }

    [Fact]
    public async Task ExpiredRefreshToken_Is401()
    {
        var tokens = await SignInAsync();
        _host.Time.Advance(TimeSpan.FromDays(31));

        Assert.Equal(401, (await RefreshAsync(tokens.RefreshToken)).Status);
    }

    [Fact]
    public async Task AdminSignIn_EndsAfterItsHoursHoweverOftenRefreshed()
    {
        var admin = await _host.AdminAsync();
        var refresh = (await _host.Get<SessionService>().StartAdminAsync(admin.UserId!.Value, CancellationToken.None)).Tokens!.RefreshToken;
        for (var hour = 0; hour < 11; hour++)
        {
            _host.Time.Advance(TimeSpan.FromHours(1));
            refresh = (await RefreshAsync(refresh)).Json.GetProperty("refreshToken").GetString()!;
        }

        _host.Time.Advance(TimeSpan.FromHours(1.5));

        Assert.Equal(401, (await RefreshAsync(refresh)).Status);
    }

    [Fact]
    public async Task GarbageRefreshToken_Is401NotAnError()
    {
        var response = await RefreshAsync(new string('x', 43));

        Assert.Equal((401, "invalid-token"), (response.Status, response.ProblemType));
    }

    [Fact]
    public async Task TokenPair_ToString_HidesTheTokens()
    {
        var tokens = await SignInAsync();

        Assert.DoesNotContain(tokens.RefreshToken, tokens.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(tokens.AccessToken, tokens.ToString(), StringComparison.Ordinal);
    }

    private async Task<TokenPair> SignInAsync() =>
        (await _host.Get<SessionService>().SignInWithTelegramAsync(
            new TelegramProfile(Interlocked.Increment(ref _nextTelegramId), null, "en"), CancellationToken.None)).Tokens!;

    private Task<ApiResponse> RefreshAsync(string refreshToken) => _host.PostAsync("/api/auth/refresh", new { refreshToken });
}
