using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using TrustyTrade.Core.Bot;
using TrustyTrade.Infrastructure.Telegram;
using TrustyTrade.IntegrationTests.Infrastructure;
using TrustyTrade.TestSupport;

namespace TrustyTrade.IntegrationTests.Bot;

/// <summary>The Bot API clients as the app composes them, pointed at a fake Bot API of their own by configuration alone.</summary>
internal sealed class BotApiBench : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private BotApiBench(FakeTelegramBotApi telegram)
    {
        Telegram = telegram;
        var configuration = TestConfiguration.Build(new Dictionary<string, string?>
        {
            ["Telegram:BotToken"] = telegram.Token,
            ["Telegram:ApiBaseUrl"] = telegram.BaseUrl,
        });
        _services = new ServiceCollection()
            .AddLogging(b => b.AddProvider(Logs).SetMinimumLevel(LogLevel.Debug))
            .AddTelegramBotApi(configuration)
            .BuildServiceProvider();
    }

    public FakeTelegramBotApi Telegram { get; }

    public CapturedLogs Logs { get; } = new();

    public IBotClient Bot => _services.GetRequiredService<IBotClient>();

    public IBotSetupClient Setup => _services.GetRequiredService<IBotSetupClient>();

    public static async Task<BotApiBench> StartAsync() => new(await FakeTelegramBotApi.StartAsync());

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await Telegram.DisposeAsync();
    }
}
