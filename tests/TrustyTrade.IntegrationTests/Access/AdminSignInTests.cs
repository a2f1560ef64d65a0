using Dapper;
using TrustyTrade.Core.Access.Admins;
using TrustyTrade.Core.Users;
using TrustyTrade.IntegrationTests.Infrastructure;

namespace TrustyTrade.IntegrationTests.Access;

/// <summary>Admin enrolment and sign-in over the real PostgreSQL and Redis, with the fixture's fake clock.</summary>
[Collection(DatabaseCollectionDefinition.Name)]
public sealed class AdminSignInTests(DatabaseFixture database, AccessServicesFixture app) : IClassFixture<AccessServicesFixture>, IAsyncLifetime
{
    private const string Password = "correct horse battery staple";

    private readonly AdminEnrolment _enrolment = app.Get<AdminEnrolment>();
    private readonly AdminSignInService _signIn = app.Get<AdminSignInService>();
    private readonly string _ip = AdminTestData.ClientIp();
    private long _nextTelegramId = 700_000;

    public Task InitializeAsync() => database.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task SignIn_PasswordAndCurrentTotpCode_Succeeds()
    {
        var admin = await EnrolAsync();

        var result = await SignInAsync(admin.Login, Password, CurrentCode(admin));

        Assert.Equal(AdminSignInResult.Succeeded(admin.UserId), result);
    }

    [Fact]
    public async Task SignIn_LoginInOtherCase_Succeeds()
    {
        var admin = await EnrolAsync();

        var result = await SignInAsync(admin.Login.ToUpperInvariant(), Password, CurrentCode(admin));

        Assert.Equal(AdminSignInOutcome.Succeeded, result.Outcome);
    }

    [Fact]
    public async Task SignIn_CodeOfThePreviousStep_SucceedsForClockDrift()
    {
        var admin = await EnrolAsync();

        var result = await SignInAsync(admin.Login, Password, AdminTestData.TotpCode(admin.TotpSecret, app.Time.GetUtcNow().AddSeconds(-30)));

        Assert.Equal(AdminSignInOutcome.Succeeded, result.Outcome);
    }

    [Fact]
    public async Task SignIn_WrongPassword_Invalid()
    {
        var admin = await EnrolAsync();

        var result = await SignInAsync(admin.Login, Password + "!", CurrentCode(admin));

        Assert.Equal(AdminSignInResult.Invalid, result);
    }

    [Fact]
    public async Task SignIn_WrongCode_Invalid()
    {
        var admin = await EnrolAsync();
        var wrong = CurrentCode(admin) == "000000" ? "000001" : "000000";

        Assert.Equal(AdminSignInResult.Invalid, await SignInAsync(admin.Login, Password, wrong));
    }

    [Fact]
    public async Task SignIn_SameTotpCodeTwice_SecondIsInvalid()
    {
        var admin = await EnrolAsync();
        var code = CurrentCode(admin);
        await SignInAsync(admin.Login, Password, code);

        var replay = await SignInAsync(admin.Login, Password, code);

        Assert.Equal(AdminSignInResult.Invalid, replay);
    }

    [Fact]
    public async Task SignIn_OlderCodeAfterANewerOne_Invalid()
    {
        var admin = await EnrolAsync();
        var older = AdminTestData.TotpCode(admin.TotpSecret, app.Time.GetUtcNow().AddSeconds(-30));
        await SignInAsync(admin.Login, Password, CurrentCode(admin));

        var result = await SignInAsync(admin.Login, Password, older);

        Assert.Equal(AdminSignInResult.Invalid, result);
    }

    [Fact]
    public async Task SignIn_RecoveryCode_WorksOnceOnly()
    {
        var admin = await EnrolAsync();
        var code = admin.RecoveryCodes[3];

        var first = await SignInAsync(admin.Login, Password, code);
        var second = await SignInAsync(admin.Login, Password, code);

        Assert.Equal((AdminSignInOutcome.Succeeded, AdminSignInOutcome.Invalid), (first.Outcome, second.Outcome));
    }

    [Fact]
    public async Task SignIn_RecoveryCodeTypedInLowerCaseWithoutDash_Succeeds()
    {
        var admin = await EnrolAsync();

        var result = await SignInAsync(admin.Login, Password, admin.RecoveryCodes[0].Replace("-", "", StringComparison.Ordinal).ToLowerInvariant());

        Assert.Equal(AdminSignInOutcome.Succeeded, result.Outcome);
    }

    [Fact]
    public async Task SignIn_AfterFiveFailures_RefusesEvenTheRightPasswordForTheWindow()
    {
        var admin = await EnrolAsync();
        await FailAsync(admin.Login, times: 5);

        var locked = await SignInAsync(admin.Login, Password, CurrentCode(admin));

        Assert.Equal(AdminSignInResult.LockedOut(TimeSpan.FromMinutes(15)), locked);
    }

    [Fact]
    public async Task SignIn_LockoutWindowPassed_SucceedsAgain()
    {
        var admin = await EnrolAsync();
        await FailAsync(admin.Login, times: 5);
        app.Time.Advance(TimeSpan.FromMinutes(10));
        var stillLocked = await SignInAsync(admin.Login, Password, CurrentCode(admin));
        app.Time.Advance(TimeSpan.FromMinutes(5));

        var result = await SignInAsync(admin.Login, Password, CurrentCode(admin));

        Assert.Equal(
            (AdminSignInResult.LockedOut(TimeSpan.FromMinutes(5)), AdminSignInResult.Succeeded(admin.UserId)),
            (stillLocked, result));
    }

    [Fact]
    public async Task SignIn_FourFailures_StillSignsIn()
    {
        var admin = await EnrolAsync();
        await FailAsync(admin.Login, times: 4);

        Assert.Equal(AdminSignInOutcome.Succeeded, (await SignInAsync(admin.Login, Password, CurrentCode(admin))).Outcome);
    }

    [Fact]
    public async Task SignIn_Success_ClearsTheLoginsFailures()
    {
        var admin = await EnrolAsync();
        await FailAsync(admin.Login, times: 4);
        await SignInAsync(admin.Login, Password, CurrentCode(admin));
        await FailAsync(admin.Login, times: 4);
        app.Time.Advance(TimeSpan.FromSeconds(30));

        Assert.Equal(AdminSignInOutcome.Succeeded, (await SignInAsync(admin.Login, Password, CurrentCode(admin))).Outcome);
    }

    [Fact]
    public async Task SignIn_TwentyFailuresFromOneAddress_LockTheAddressForEveryLogin()
    {
        var admin = await EnrolAsync();
        for (var i = 0; i < 20; i++)
        {
            await SignInAsync(AdminTestData.Login(), Password, "123456");
        }

        var fromThatAddress = await SignInAsync(admin.Login, Password, CurrentCode(admin));
        var fromAnother = await _signIn.SignInAsync(admin.Login, Password, CurrentCode(admin), AdminTestData.ClientIp(), CancellationToken.None);

        Assert.Equal((AdminSignInOutcome.LockedOut, AdminSignInOutcome.Succeeded), (fromThatAddress.Outcome, fromAnother.Outcome));
    }

    [Fact]
    public async Task SignIn_BannedAdmin_Invalid()
    {
        var admin = await EnrolAsync();
        await app.Get<IUserStore>().SetBannedAsync(admin.UserId, true, CancellationToken.None);

        Assert.Equal(AdminSignInResult.Invalid, await SignInAsync(admin.Login, Password, CurrentCode(admin)));
    }

    [Fact]
    public async Task SignIn_DemotedAdmin_Invalid()
    {
        var admin = await EnrolAsync();
        await app.Get<IUserStore>().SetRoleAsync(admin.UserId, UserRole.User, CancellationToken.None);

        Assert.Equal(AdminSignInResult.Invalid, await SignInAsync(admin.Login, Password, CurrentCode(admin)));
    }

    [Fact]
    public async Task SignIn_UnknownLogin_Invalid()
    {
        var admin = await EnrolAsync();

        Assert.Equal(AdminSignInResult.Invalid, await SignInAsync(AdminTestData.Login(), Password, CurrentCode(admin)));
    }

    [Fact]
    public async Task Create_NewTelegramUser_RegistersThemAsAdmin()
    {
        var admin = await EnrolAsync(username: "boss");

        var user = await app.Get<IUserStore>().FindAsync(admin.UserId, CancellationToken.None);

        Assert.Equal((UserRole.Admin, "boss"), (user!.Role, user.Username));
    }

    [Fact]
    public async Task Create_ExistingUserWithoutUsername_KeepsTheirUsername()
    {
        var telegramId = _nextTelegramId++;
        await app.Get<UserService>().RegisterAsync(new TelegramProfile(telegramId, "known_name", "en"), CancellationToken.None);

        var created = await _enrolment.CreateAsync(telegramId, null, AdminTestData.Login(), Password, CancellationToken.None);

        var user = await app.Get<IUserStore>().FindByTelegramIdAsync(telegramId, CancellationToken.None);
        Assert.Equal((created.SecondFactor!.UserId, "known_name", UserRole.Admin), (user!.Id, user.Username, user.Role));
    }

    [Fact]
    public async Task Create_GivesTheOtpAuthUriAndTenGroupedRecoveryCodes()
    {
        var admin = await EnrolAsync();

        Assert.Equal(
            ($"otpauth://totp/TrustyTrade:{admin.Login}?secret={admin.TotpSecret}&issuer=TrustyTrade", 10, 10),
            (admin.OtpAuthUri, admin.RecoveryCodes.Count, admin.RecoveryCodes.Distinct().Count()));
    }

    [Fact]
    public async Task Create_LoginTakenInAnotherCase_Refused()
    {
        var admin = await EnrolAsync();

        var second = await _enrolment.CreateAsync(_nextTelegramId++, null, admin.Login.ToUpperInvariant(), Password, CancellationToken.None);

        Assert.Equal(AdminEnrolmentResult.Refused(AdminEnrolmentOutcome.LoginTaken), second);
    }

    [Fact]
    public async Task Create_UserAlreadyEnrolled_Refused()
    {
        var telegramId = _nextTelegramId++;
        await _enrolment.CreateAsync(telegramId, null, AdminTestData.Login(), Password, CancellationToken.None);

        var second = await _enrolment.CreateAsync(telegramId, null, AdminTestData.Login(), Password, CancellationToken.None);

        Assert.Equal(AdminEnrolmentOutcome.AlreadyEnrolled, second.Outcome);
    }

    [Theory]
    [InlineData("eleven char", AdminEnrolmentOutcome.PasswordTooShort)]
    [InlineData("", AdminEnrolmentOutcome.PasswordTooShort)]
    public async Task Create_ShortPassword_RefusedAndNothingStored(string password, AdminEnrolmentOutcome expected)
    {
        var result = await _enrolment.CreateAsync(_nextTelegramId++, null, AdminTestData.Login(), password, CancellationToken.None);

        Assert.Equal((expected, 0L), (result.Outcome, await CountAsync("SELECT count(*) FROM admin_credentials")));
    }

    [Fact]
    public async Task Create_PasswordOver128Characters_Refused()
    {
        var result = await _enrolment.CreateAsync(_nextTelegramId++, null, AdminTestData.Login(), new string('x', 129), CancellationToken.None);

        Assert.Equal(AdminEnrolmentOutcome.PasswordTooLong, result.Outcome);
    }

    [Theory]
    [InlineData("ab")]
    [InlineData("has space")]
    [InlineData("-dash-first")]
    public async Task Create_BadLogin_Refused(string login)
    {
        var result = await _enrolment.CreateAsync(_nextTelegramId++, null, login, Password, CancellationToken.None);

        Assert.Equal(AdminEnrolmentOutcome.InvalidLogin, result.Outcome);
    }

    [Fact]
    public async Task Create_StoresNoSecretInTheClear()
    {
        var admin = await EnrolAsync();

        await using var connection = await database.DataSource.OpenConnectionAsync();
        var row = await connection.QuerySingleAsync<(string PasswordHash, byte[] TotpSecret, string TotpKeyId)>(
            "SELECT password_hash, totp_secret, totp_key_id FROM admin_credentials WHERE user_id = @UserId", new { admin.UserId });
        var codeHashes = (await connection.QueryAsync<string>(
            "SELECT code_hash FROM admin_recovery_codes WHERE user_id = @UserId", new { admin.UserId })).ToList();
        var stored = row.PasswordHash + Convert.ToHexString(row.TotpSecret) + System.Text.Encoding.Latin1.GetString(row.TotpSecret) + string.Join(',', codeHashes);
        string[] secrets = [Password, admin.TotpSecret, .. admin.RecoveryCodes, .. admin.RecoveryCodes.Select(c => c.Replace("-", "", StringComparison.Ordinal))];

        Assert.Equal(
            (10, true, Array.Empty<string>()),
            (codeHashes.Count, row.PasswordHash.StartsWith("$2", StringComparison.Ordinal),
                secrets.Where(s => stored.Contains(s, StringComparison.OrdinalIgnoreCase)).ToArray()));
    }

    [Fact]
    public async Task ResetSecondFactor_OldSecretAndCodesStopWorking_NewOnesWork()
    {
        var admin = await EnrolAsync();

        var reset = (await _enrolment.ResetSecondFactorAsync(admin.Login, CancellationToken.None)).SecondFactor!;

        var oldCode = await SignInAsync(admin.Login, Password, CurrentCode(admin));
        var oldRecovery = await SignInAsync(admin.Login, Password, admin.RecoveryCodes[0]);
        var newRecovery = await SignInAsync(admin.Login, Password, reset.RecoveryCodes[0]);
        var newCode = await SignInAsync(admin.Login, Password, CurrentCode(reset));
        Assert.Equal(
            (AdminSignInOutcome.Invalid, AdminSignInOutcome.Invalid, AdminSignInOutcome.Succeeded, AdminSignInOutcome.Succeeded),
            (oldCode.Outcome, oldRecovery.Outcome, newRecovery.Outcome, newCode.Outcome));
    }

    [Fact]
    public async Task ResetSecondFactor_UnknownLogin_NotFound()
    {
        Assert.Equal(
            AdminEnrolmentOutcome.NotFound,
            (await _enrolment.ResetSecondFactorAsync(AdminTestData.Login(), CancellationToken.None)).Outcome);
    }

    private async Task<AdminSecondFactor> EnrolAsync(string? username = null)
    {
        var result = await _enrolment.CreateAsync(_nextTelegramId++, username, AdminTestData.Login(), Password, CancellationToken.None);
        return result.SecondFactor ?? throw new InvalidOperationException($"Enrolment refused: {result.Outcome}");
    }

    private Task<AdminSignInResult> SignInAsync(string login, string password, string code) =>
        _signIn.SignInAsync(login, password, code, _ip, CancellationToken.None);

    private async Task FailAsync(string login, int times)
    {
        for (var i = 0; i < times; i++)
        {
            await SignInAsync(login, "wrong password!", "123456");
        }
    }

    private string CurrentCode(AdminSecondFactor admin) => AdminTestData.TotpCode(admin.TotpSecret, app.Time.GetUtcNow());

    private async Task<long> CountAsync(string sql)
    {
        await using var connection = await database.DataSource.OpenConnectionAsync();
        return await connection.ExecuteScalarAsync<long>(sql);
    }
}
