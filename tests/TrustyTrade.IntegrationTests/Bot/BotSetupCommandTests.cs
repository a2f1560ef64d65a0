using System.Reflection;
using System.Text;
using Microsoft.Azure.Functions.Worker;
using TrustyTrade.BotSetup;
using TrustyTrade.Core.Bot.Setup;
using TrustyTrade.Functions.Bot;
using TrustyTrade.IntegrationTests.Infrastructure;
using TrustyTrade.TestSupport;

namespace TrustyTrade.IntegrationTests.Bot;

/// <summary>The set-up command as an operator runs it, with the app's settings, against the local fake Bot API.</summary>
public sealed class BotSetupCommandTests : IAsyncLifetime
{
    private const string PublicBaseUrl = "https://tt-test.example.com/";
    private const string Secret = "setup-test-webhook-secret-0123456789-abc";

    private readonly StringBuilder _output = new();
    private readonly StringBuilder _error = new();
    private FakeTelegramBotApi _telegram = null!;

    public async Task InitializeAsync() => _telegram = await FakeTelegramBotApi.StartAsync();

    public async Task DisposeAsync() => await _telegram.DisposeAsync();

    [Fact]
    public async Task Run_ValidSettings_SetsTheWebhookWithSecretAndUpdateKinds()
    {
        Assert.Equal(BotSetupCommand.Done, await RunAsync());

        var webhook = _telegram.SingleCallTo("setWebhook");
        Assert.Equal(
            ("https://tt-test.example.com/api/telegram/webhook", Secret, """["message","callback_query","pre_checkout_query"]"""),
            (webhook.Text("url"), webhook.Text("secret_token"), webhook.Parameter("allowed_updates")!.Value.GetRawText()));
    }

    [Fact]
    public async Task Run_ValidSettings_SetsTheRussianMenuAsDefaultAndTheEnglishOne()
    {
        await RunAsync();

        var menus = _telegram.CallsTo("setMyCommands").Select(c => (
            Language: c.Text("language_code"),
            Scope: c.Parameter("scope")?.GetProperty("type").GetString(),
            Commands: string.Join(' ', c.Parameter("commands")!.Value.EnumerateArray().Select(x => x.GetProperty("command").GetString())),
            Start: c.Parameter("commands")!.Value[0].GetProperty("description").GetString()));
        const string commands = "start sell browse mydeals mylistings language help support";
        Assert.Equal(
            [(null, "default", commands, "Главное меню"), ("en", "default", commands, "Main menu")],
            menus);
    }

    [Fact]
    public async Task Run_ValidSettings_SetsBothDescriptionsInRussianAsDefaultAndInEnglish()
    {
        await RunAsync();

        var languages = _telegram.CallsTo("setMyDescription").Concat(_telegram.CallsTo("setMyShortDescription"))
            .Select(c => c.Text("language_code") ?? "default");
        Assert.Equal(["default", "en", "default", "en"], languages);
    }

    [Fact]
    public async Task Run_ValidSettings_PrintsTheWebhookButNeitherTokenNorSecret()
    {
        await RunAsync();

        var printed = _output.ToString() + _error;
        Assert.Equal(
            (true, false, false),
            (printed.Contains("https://tt-test.example.com/api/telegram/webhook", StringComparison.Ordinal),
                printed.Contains(_telegram.Token, StringComparison.Ordinal), printed.Contains(Secret, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Run_PublicBaseUrlMissing_Exits2NamingItAndCallsNothing()
    {
        var code = await RunAsync(publicBaseUrl: "");

        Assert.Equal((BotSetupCommand.BadSettings, true, 0),
            (code, _error.ToString().Contains("PublicBaseUrl", StringComparison.Ordinal), _telegram.Calls.Count));
    }

    [Fact]
    public async Task Run_PlainHttpPublicUrl_Exits2()
    {
        Assert.Equal(BotSetupCommand.BadSettings, await RunAsync(publicBaseUrl: "http://tt-test.example.com"));
    }

    [Fact]
    public async Task Run_MalformedToken_Exits2WithoutPrintingIt()
    {
        var code = await RunAsync(token: "not a token at all");

        Assert.Equal((BotSetupCommand.BadSettings, false), (code, _error.ToString().Contains("not a token", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Run_TelegramRefusesTheWebhook_Exits1WithTelegramsReason()
    {
        _telegram.FailNext("setWebhook", 1, 400, "Bad Request: bad webhook: Failed to resolve host: Name or service not known");

        var code = await RunAsync();

        Assert.Equal((BotSetupCommand.TelegramFailed, true, false),
            (code, _error.ToString().Contains("Failed to resolve host", StringComparison.Ordinal),
                _error.ToString().Contains(_telegram.Token, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Run_BotApiUnreachable_Exits1()
    {
        Assert.Equal(BotSetupCommand.TelegramFailed, await RunAsync(apiBaseUrl: $"http://127.0.0.1:{ClosedPort.Next()}"));
    }

    [Fact]
    public void WebhookPath_IsTheWebhookFunctionsRoute()
    {
        var trigger = typeof(TelegramWebhookFunction).GetMethods()
            .SelectMany(m => m.GetParameters())
            .Select(p => p.GetCustomAttribute<HttpTriggerAttribute>())
            .Single(a => a is not null)!;

        Assert.Equal(BotRegistrationService.WebhookPath, "/api/" + trigger.Route);
    }

    private async Task<int> RunAsync(string? publicBaseUrl = PublicBaseUrl, string? token = null, string? apiBaseUrl = null)
    {
        await using var output = new StringWriter(_output);
        await using var error = new StringWriter(_error);
        return await BotSetupCommand.RunAsync(
            TestConfiguration.Build(new Dictionary<string, string?>
            {
                ["Telegram:BotToken"] = token ?? _telegram.Token,
                ["Telegram:ApiBaseUrl"] = apiBaseUrl ?? _telegram.BaseUrl,
                ["Telegram:WebhookSecret"] = Secret,
                ["Telegram:PublicBaseUrl"] = publicBaseUrl,
            }),
            output,
            error,
            CancellationToken.None);
    }
}
