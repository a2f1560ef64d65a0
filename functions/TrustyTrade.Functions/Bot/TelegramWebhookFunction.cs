using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;
using TrustyTrade.Core.Bot;

namespace TrustyTrade.Functions.Bot;

/// <summary>
/// <c>POST /api/telegram/webhook</c>: 401 without the right secret token, 400 for a body that is not a Telegram
/// update, otherwise 200 at once, the update queued for the queue-triggered function (a redelivered one dropped).
/// </summary>
public sealed class TelegramWebhookFunction(WebhookService webhook, IOptions<TelegramWebhookOptions> options)
{
    public const string SecretHeader = "X-Telegram-Bot-Api-Secret-Token";

    [Function("TelegramWebhook")]
    public async Task<IActionResult> Receive(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "telegram/webhook")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var body = await ReadBodyAsync(request, options.Value.MaxUpdateBytes, cancellationToken).ConfigureAwait(false);
        var secret = request.Headers.TryGetValue(SecretHeader, out var values) && values.Count == 1 ? values[0] : null;
        return await webhook.ReceiveAsync(secret, body, cancellationToken).ConfigureAwait(false) switch
        {
            WebhookOutcome.Forged => new UnauthorizedResult(),
            WebhookOutcome.NotAnUpdate => new BadRequestObjectResult("not a Telegram update"),
            _ => new OkResult(),
        };
    }

    /// <summary>
    /// The body, read to one byte past <paramref name="maxBytes"/> at most: a longer one is refused by the service as
    /// too big, without reading the rest of it.
    /// </summary>
    private static async Task<ReadOnlyMemory<byte>> ReadBodyAsync(HttpRequest request, int maxBytes, CancellationToken cancellationToken)
    {
        var buffer = new byte[(int)Math.Min(request.ContentLength ?? long.MaxValue, maxBytes + 1L)];
        var read = 0;
        int chunk;
        while (read < buffer.Length
               && (chunk = await request.Body.ReadAsync(buffer.AsMemory(read), cancellationToken).ConfigureAwait(false)) > 0)
        {
            read += chunk;
        }

        return buffer.AsMemory(0, read);
    }
}
