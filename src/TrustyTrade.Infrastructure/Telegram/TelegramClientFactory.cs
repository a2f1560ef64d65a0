using Microsoft.Extensions.Options;
using Telegram.Bot;

namespace TrustyTrade.Infrastructure.Telegram;

/// <summary>
/// A Telegram.Bot client per call over the factory's pooled "telegram" HTTP client (which logs nothing: the token is
/// in the URL). Telegram.Bot's own retry is off: a 429 or a failure goes to the caller, whose queue retries.
/// </summary>
internal sealed class TelegramClientFactory(IHttpClientFactory httpClients, IOptions<TelegramOptions> options)
{
    private readonly TelegramBotClientOptions _clientOptions =
        new(options.Value.BotToken, options.Value.ApiBaseUrl) { RetryCount = 0 };

    public TelegramBotClient Create(CancellationToken cancellationToken) =>
        new(_clientOptions, httpClients.CreateClient(TelegramMessenger.HttpClientName), cancellationToken);
}
