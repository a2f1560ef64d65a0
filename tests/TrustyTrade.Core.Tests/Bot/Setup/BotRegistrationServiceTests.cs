using Microsoft.Extensions.Options;
using TrustyTrade.Core.Bot;
using TrustyTrade.Core.Bot.Setup;

namespace TrustyTrade.Core.Tests.Bot.Setup;

public sealed class BotRegistrationServiceTests
{
    private const string Secret = "unit-test-webhook-secret-0123456789-abcd";

    private readonly RecordingBotSetupClient _telegram = new();

    [Theory]
    [InlineData("https://tt.example.com")]
    [InlineData("https://tt.example.com/")]
    public async Task RegisterAsync_WebhookIsThePublicUrlPlusTheFunctionsRoute(string publicBaseUrl)
    {
        var url = await Service(publicBaseUrl).RegisterAsync(CancellationToken.None);

        Assert.Equal(("https://tt.example.com/api/telegram/webhook", url), (_telegram.WebhookUrl!.AbsoluteUri, _telegram.WebhookUrl));
    }

    [Fact]
    public async Task RegisterAsync_UnderAPathPrefix_KeepsIt()
    {
        await Service("https://tt.example.com/bot").RegisterAsync(CancellationToken.None);

        Assert.Equal("https://tt.example.com/bot/api/telegram/webhook", _telegram.WebhookUrl!.AbsoluteUri);
    }

    [Fact]
    public async Task RegisterAsync_GivesTheWebhookSecretAndOnlyTheHandledUpdateKinds()
    {
        await Service().RegisterAsync(CancellationToken.None);

        Assert.Equal((Secret, "message,callback_query,pre_checkout_query"), (_telegram.Secret, string.Join(',', _telegram.AllowedUpdates)));
    }

    [Fact]
    public async Task RegisterAsync_SetsWebhookThenRussianAsDefaultThenEnglish()
    {
        await Service().RegisterAsync(CancellationToken.None);

        Assert.Equal(["webhook", "commands:default", "description:default", "commands:en", "description:en"], _telegram.Calls);
    }

    [Fact]
    public async Task RegisterAsync_DefaultMenuIsRussian_EnglishMenuIsEnglish()
    {
        await Service().RegisterAsync(CancellationToken.None);

        Assert.Equal(
            [(null, new BotCommandText("start", "Главное меню")), ("en", new BotCommandText("start", "Main menu"))],
            _telegram.Menus.Select(m => (m.Language, m.Commands[0])));
    }

    private BotRegistrationService Service(string publicBaseUrl = "https://tt.example.com") => new(
        _telegram,
        Options.Create(new BotRegistrationOptions { PublicBaseUrl = publicBaseUrl }),
        Options.Create(new TelegramWebhookOptions { WebhookSecret = Secret }));
}
