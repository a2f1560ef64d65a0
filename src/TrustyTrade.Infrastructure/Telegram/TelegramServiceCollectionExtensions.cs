using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TrustyTrade.Core;
using TrustyTrade.Core.Bot;
using TrustyTrade.Core.Notifications;
using TrustyTrade.Core.Payments.Stars;

namespace TrustyTrade.Infrastructure.Telegram;

public static class TelegramServiceCollectionExtensions
{
    /// <summary>
    /// The Bot API clients (notifications' messenger, the conversations' <see cref="IBotClient"/>, the set-up's
    /// <see cref="IBotSetupClient"/>) on one named HTTP client, with the Telegram options validated at start. Apart
    /// from the rest of the infrastructure so the set-up command needs no database settings.
    /// </summary>
    public static IServiceCollection AddTelegramBotApi(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddValidatedOptions<TelegramOptions>(configuration.GetSection(TelegramOptions.SectionName));
        // No HTTP client logging: its request lines carry the URL, and the Bot API puts the token in the URL's path.
        services.AddHttpClient(TelegramMessenger.HttpClientName, (sp, client) =>
                client.Timeout = TimeSpan.FromSeconds(sp.GetRequiredService<IOptions<TelegramOptions>>().Value.RequestTimeoutSeconds))
            .RemoveAllLoggers();
        services.AddSingleton<TelegramClientFactory>();
        services.AddSingleton<ITelegramMessenger, TelegramMessenger>();
        services.AddSingleton<IBotClient, TelegramBotApi>();
        services.AddSingleton<IBotSetupClient, TelegramBotSetup>();
        services.AddSingleton<IStarsApi, TelegramStarsApi>();
        return services;
    }
}
