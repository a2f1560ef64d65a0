using Telegram.Bot;
using Telegram.Bot.Exceptions;
using TrustyTrade.Core.Notifications;

namespace TrustyTrade.Infrastructure.Telegram;

/// <summary>
/// Sends through Telegram.Bot. Telegram.Bot's own retry on 429 is off (<see cref="TelegramClientFactory"/>): the
/// caller re-queues the message with the delay Telegram names instead of holding a worker for it.
/// </summary>
internal sealed class TelegramMessenger(TelegramClientFactory clients) : ITelegramMessenger
{
    public const string HttpClientName = "telegram";

    public async Task<SendResult> SendTextAsync(long chatId, string text, CancellationToken cancellationToken)
    {
        var bot = clients.Create(cancellationToken);
        try
        {
            await bot.SendMessage(chatId, text, cancellationToken: cancellationToken).ConfigureAwait(false);
            return SendResult.Delivered;
        }
        catch (ApiRequestException e) when (e.ErrorCode == 429)
        {
            return SendResult.TooManyRequests(TimeSpan.FromSeconds(Math.Max(1, e.Parameters?.RetryAfter ?? 1)));
        }
        catch (ApiRequestException e) when (e.ErrorCode is 400 or 403)
        {
            // Chat not found, bot blocked by the user, user deactivated: asking again changes nothing.
            return SendResult.Rejected($"{e.ErrorCode} {e.Message}");
        }
    }
}
