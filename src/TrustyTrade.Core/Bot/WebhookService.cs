using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TrustyTrade.Core.Bot.Conversations;
using TrustyTrade.Core.Bot.Updates;
using TrustyTrade.Core.Vault;

namespace TrustyTrade.Core.Bot;

/// <summary>
/// The webhook's work, kept short so Telegram never waits: check the secret, check the body is an update, let its id
/// through once (<see cref="IUpdateGate"/>), queue it sealed (<see cref="SealedUpdate"/>). An update that can't be queued is released again and the error
/// goes back to Telegram, which redelivers it: nothing is lost, nothing is done twice.
/// </summary>
public sealed partial class WebhookService(
    IUpdateGate gate,
    IUpdateInbox inbox,
    StarsCheckout checkout,
    ICredentialVault vault,
    IOptions<TelegramWebhookOptions> options,
    ILogger<WebhookService> logger)
{
    /// <summary>The kinds of update Telegram sends (Bot API 9); an update carries exactly one of them.</summary>
    private static readonly HashSet<string> UpdateKinds =
    [
        "message", "edited_message", "channel_post", "edited_channel_post", "business_connection", "business_message",
        "edited_business_message", "deleted_business_messages", "message_reaction", "message_reaction_count",
        "inline_query", "chosen_inline_result", "callback_query", "shipping_query", "pre_checkout_query",
        "purchased_paid_media", "poll", "poll_answer", "my_chat_member", "chat_member", "chat_join_request",
        "chat_boost", "removed_chat_boost",
    ];

    private readonly byte[] _secret = Encoding.UTF8.GetBytes(options.Value.WebhookSecret);
    private readonly int _maxBytes = options.Value.MaxUpdateBytes;

    public async Task<WebhookOutcome> ReceiveAsync(string? secretHeader, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        if (!SecretMatches(secretHeader))
        {
            LogForged();
            return WebhookOutcome.Forged;
        }

        if (Parse(body) is not var (updateId, isPreCheckout))
        {
            LogNotAnUpdate(body.Length);
            return WebhookOutcome.NotAnUpdate;
        }

        if (!await gate.TryAdmitAsync(updateId, cancellationToken).ConfigureAwait(false))
        {
            LogDuplicate(updateId);
            return WebhookOutcome.Duplicate;
        }

        try
        {
            var json = Encoding.UTF8.GetString(body.Span);
            // Telegram cancels a purchase whose pre-checkout query is not answered within 10 seconds: never behind a queue.
            if (isPreCheckout && BotUpdateParser.TryParse(json)?.PreCheckout is { } query)
            {
                await checkout.AnswerPreCheckoutAsync(query, cancellationToken).ConfigureAwait(false);
                return WebhookOutcome.Answered;
            }

            await inbox.EnqueueAsync(updateId, SealedUpdate.Seal(vault, updateId, json), cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await gate.ReleaseAsync(updateId, CancellationToken.None).ConfigureAwait(false);
            throw;
        }

        return WebhookOutcome.Queued;
    }

    private bool SecretMatches(string? header)
    {
        if (header is null)
        {
            return false;
        }

        Span<byte> given = stackalloc byte[256];
        return Encoding.UTF8.GetByteCount(header) == _secret.Length
            && CryptographicOperations.FixedTimeEquals(given[..Encoding.UTF8.GetBytes(header, given)], _secret);
    }

    /// <summary>
    /// The update's id, and whether it is a pre-checkout query, when <paramref name="body"/> is a JSON object with a
    /// positive update_id and one known update in it (valid UTF-8 throughout).
    /// </summary>
    private (long UpdateId, bool PreCheckout)? Parse(ReadOnlyMemory<byte> body)
    {
        // The parser checks UTF-8 only as it decodes a text, which member names here never are: checked first.
        if (body.Length == 0 || body.Length > _maxBytes || !Utf8.IsValid(body.Span))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("update_id", out var id) || id.ValueKind != JsonValueKind.Number
                || !id.TryGetInt64(out var updateId) || updateId <= 0)
            {
                return null;
            }

            var kinds = root.EnumerateObject().Where(p => UpdateKinds.Contains(p.Name) && p.Value.ValueKind == JsonValueKind.Object)
                .Select(p => p.Name).Take(2).ToList();
            return kinds.Count == 1 ? (updateId, kinds[0] == "pre_checkout_query") : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Telegram webhook: a request without the right secret token was refused")]
    private partial void LogForged();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Telegram webhook: a body of {Bytes} bytes is not a Telegram update; refused")]
    private partial void LogNotAnUpdate(int bytes);

    [LoggerMessage(Level = LogLevel.Information, Message = "Telegram webhook: update {UpdateId} was seen before; dropped")]
    private partial void LogDuplicate(long updateId);
}
