using System.Text;
using System.Text.RegularExpressions;
using TrustyTrade.AdminCli;
using TrustyTrade.Core.Access.Admins;
using TrustyTrade.IntegrationTests.Infrastructure;

namespace TrustyTrade.IntegrationTests.Access;

/// <summary>The admin command as an operator runs it, with the app's settings, against the test database.</summary>
[Collection(DatabaseCollectionDefinition.Name)]
public sealed partial class AdminCliCommandTests(DatabaseFixture database, AccessServicesFixture app)
    : IClassFixture<AccessServicesFixture>, IAsyncLifetime
{
    private const string Password = "a long enough admin password";

    private readonly StringBuilder _output = new();
    private readonly StringBuilder _error = new();

    public Task InitializeAsync() => database.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task CreateAdmin_PrintedSecret_SignsInWithItsCurrentCode()
    {
        var login = AdminTestData.Login();
        var code = await RunAsync(Password, AdminCliCommand.CreateAdmin, "--login", login, "--telegram-id", "9100001", "--username", "ops");

        var secret = PrintedSecret().Match(_output.ToString()).Groups["secret"].Value;
        var signIn = await app.Get<AdminSignInService>().SignInAsync(
            login, Password, AdminTestData.TotpCode(secret, app.Time.GetUtcNow()), AdminTestData.ClientIp(), CancellationToken.None);
        Assert.Equal((AdminCliCommand.Done, AdminSignInOutcome.Succeeded), (code, signIn.Outcome));
    }

    [Fact]
    public async Task CreateAdmin_PrintsTheUriAndTenRecoveryCodesButNotThePassword()
    {
        await RunAsync(Password, AdminCliCommand.CreateAdmin, "--login", AdminTestData.Login(), "--telegram-id", "9100002");

        var printed = _output.ToString() + _error;
        Assert.Equal(
            (true, 10, false),
            (printed.Contains("otpauth://totp/TrustyTrade:", StringComparison.Ordinal), RecoveryCode().Count(printed),
                printed.Contains(Password, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task CreateAdmin_ShortPassword_Exits2SayingWhy()
    {
        var code = await RunAsync("too short", AdminCliCommand.CreateAdmin, "--login", AdminTestData.Login(), "--telegram-id", "9100003");

        Assert.Equal((AdminCliCommand.BadInput, true), (code, _error.ToString().Contains("too short", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task CreateAdmin_NoPassword_Exits2()
    {
        var code = await RunAsync(null, AdminCliCommand.CreateAdmin, "--login", AdminTestData.Login(), "--telegram-id", "9100004");

        Assert.Equal((AdminCliCommand.BadInput, ""), (code, _output.ToString()));
    }

    [Fact]
    public async Task CreateAdmin_NonNumericTelegramId_Exits2()
    {
        Assert.Equal(
            AdminCliCommand.BadInput,
            await RunAsync(Password, AdminCliCommand.CreateAdmin, "--login", AdminTestData.Login(), "--telegram-id", "@someone"));
    }

    [Fact]
    public async Task CreateAdmin_LoginTaken_Exits1()
    {
        var login = AdminTestData.Login();
        await RunAsync(Password, AdminCliCommand.CreateAdmin, "--login", login, "--telegram-id", "9100005");

        var code = await RunAsync(Password, AdminCliCommand.CreateAdmin, "--login", login, "--telegram-id", "9100006");

        Assert.Equal((AdminCliCommand.Refused, true), (code, _error.ToString().Contains("taken", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("make-admin", "--login", "someone")]
    [InlineData("reset-2fa")]
    [InlineData("reset-2fa", "--login", "someone", "--password", "secret-on-the-command-line")]
    public async Task Run_BadArguments_Exits2WithUsage(params string[] args)
    {
        var code = await RunAsync(Password, args);

        Assert.Equal((AdminCliCommand.BadInput, true), (code, _error.ToString().Contains("Usage", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task ResetSecondFactor_NewSecretWorks_OldOneDoesNot()
    {
        var login = AdminTestData.Login();
        await RunAsync(Password, AdminCliCommand.CreateAdmin, "--login", login, "--telegram-id", "9100007");
        var oldSecret = PrintedSecret().Match(_output.ToString()).Groups["secret"].Value;
        _output.Clear();

        var code = await RunAsync(null, AdminCliCommand.ResetSecondFactor, "--login", login);

        var newSecret = PrintedSecret().Match(_output.ToString()).Groups["secret"].Value;
        var signIn = app.Get<AdminSignInService>();
        var withOld = await signIn.SignInAsync(
            login, Password, AdminTestData.TotpCode(oldSecret, app.Time.GetUtcNow()), AdminTestData.ClientIp(), CancellationToken.None);
        var withNew = await signIn.SignInAsync(
            login, Password, AdminTestData.TotpCode(newSecret, app.Time.GetUtcNow()), AdminTestData.ClientIp(), CancellationToken.None);
        Assert.Equal(
            (AdminCliCommand.Done, AdminSignInOutcome.Invalid, AdminSignInOutcome.Succeeded),
            (code, withOld.Outcome, withNew.Outcome));
    }

    [Fact]
    public async Task ResetSecondFactor_UnknownLogin_Exits1()
    {
        Assert.Equal(AdminCliCommand.Refused, await RunAsync(null, AdminCliCommand.ResetSecondFactor, "--login", AdminTestData.Login()));
    }

    private async Task<int> RunAsync(string? password, params string[] args)
    {
        await using var output = new StringWriter(_output);
        await using var error = new StringWriter(_error);
        return await AdminCliCommand.RunAsync(
            args, TestConfiguration.Build(AccessServicesFixture.Settings), () => password, output, error, CancellationToken.None);
    }

    [GeneratedRegex(@"TOTP secret: (?<secret>[A-Z2-7]+)")]
    private static partial Regex PrintedSecret();

    [GeneratedRegex(@"^\s+[A-Z2-9]{5}-[A-Z2-9]{5}$", RegexOptions.Multiline)]
    private static partial Regex RecoveryCode();
}
