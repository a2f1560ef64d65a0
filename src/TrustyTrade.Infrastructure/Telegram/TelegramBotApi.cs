using Microsoft.Extensions.Logging;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types.Payments;
using Telegram.Bot.Types.ReplyMarkups;
using TrustyTrade.Core.Bot;

namespace TrustyTrade.Infrastructure.Telegram;

/// <summary>
/// The conversations' Bot API calls through Telegram.Bot. Texts go without a parse mode, so whatever a user typed
/// (an asterisk, an angle bracket) is shown as typed and can't make Telegram refuse the message. 429, 5xx and network
/// errors are thrown for the queue to retry; only refusals that asking again can't change are swallowed. Neither the
/// token nor a message's text is logged.
/// </summary>
internal sealed partial class TelegramBotApi(TelegramClientFactory clients, ILogger<TelegramBotApi> logger) : IBotClient
{
    /// <summary>Telegram's Stars currency: an invoice in it has no payment provider, so its provider token is empty.</summary>
    public const string StarsCurrency = "XTR";

    public async Task<long> SendTextAsync(long chatId, string text, BotKeyboard? keyboard, CancellationToken cancellationToken)
    {
        try
        {
            var message = await clients.Create(cancellationToken)
                .SendMessage(chatId, text, replyMarkup: ToMarkup(keyboard), cancellationToken: cancellationToken)
                .ConfigureAwait(false);
            return message.MessageId;
        }
        catch (ApiRequestException e) when (e.ErrorCode == 403 || (e.ErrorCode == 400 && Says(e, "chat not found")))
        {
            // Blocked by the user, account deleted, no such chat: no retry will deliver it.
            throw new BotChatUnavailableException($"{e.ErrorCode} {e.Message}", e) { ChatId = chatId };
        }
    }

    public async Task EditTextAsync(long chatId, long messageId, string text, BotKeyboard? keyboard, CancellationToken cancellationToken)
    {
        try
        {
            await clients.Create(cancellationToken)
                .EditMessageText(chatId, checked((int)messageId), text, replyMarkup: ToMarkup(keyboard), cancellationToken: cancellationToken)
                .ConfigureAwait(false);
        }
        catch (ApiRequestException e) when (e.ErrorCode == 400 && (Says(e, "message is not modified") || Says(e, "message to edit not found")))
        {
            // A repeated update (the queue ran it again) edits to the same text, or the user deleted the message:
            // either way the chat already shows all it can.
            LogEditSkipped(logger, chatId, messageId, e.Message);
        }
    }

    public async Task AnswerCallbackAsync(string callbackQueryId, string? text, bool alert, CancellationToken cancellationToken)
    {
        try
        {
            await clients.Create(cancellationToken)
                .AnswerCallbackQuery(callbackQueryId, text, alert, cancellationToken: cancellationToken)
                .ConfigureAwait(false);
        }
        catch (ApiRequestException e) when (e.ErrorCode == 400 && Says(e, "query is too old"))
        {
            // Telegram takes an answer for a few seconds only; a retried update comes too late, and the spinner has
            // stopped by itself by then. The conversation's real answer is the message, not the toast.
            LogCallbackTooOld(logger, e.Message);
        }
    }

    public async Task<bool> DeleteMessageAsync(long chatId, long messageId, CancellationToken cancellationToken)
    {
        try
        {
            await clients.Create(cancellationToken)
                .DeleteMessage(chatId, checked((int)messageId), cancellationToken)
                .ConfigureAwait(false);
            return true;
        }
        catch (ApiRequestException e) when (e.ErrorCode == 400)
        {
            // Older than 48 hours, already deleted, or not ours to delete: the caller decides whether that matters.
            LogDeleteRefused(logger, chatId, messageId, e.Message);
            return false;
        }
    }

    public async Task SendStarsInvoiceAsync(long chatId, StarsInvoice invoice, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invoice);
        await clients.Create(cancellationToken)
            .SendInvoice(
                chatId,
                invoice.Title,
                invoice.Description,
                invoice.Payload,
                StarsCurrency,
                [new LabeledPrice(invoice.PriceLabel, invoice.Stars)],
                providerToken: "",
                cancellationToken: cancellationToken)
            .ConfigureAwait(false);
    }

    public Task AnswerPreCheckoutAsync(string preCheckoutQueryId, string? refusal, CancellationToken cancellationToken) =>
        // Telegram.Bot sends ok=true without an error message and ok=false with one.
        clients.Create(cancellationToken).AnswerPreCheckoutQuery(preCheckoutQueryId, refusal, cancellationToken);

    private static InlineKeyboardMarkup? ToMarkup(BotKeyboard? keyboard) =>
        keyboard is null
            ? null
            : new InlineKeyboardMarkup(keyboard.Rows.Select(row => row.Select(b => InlineKeyboardButton.WithCallbackData(b.Text, b.Data))));

    private static bool Says(ApiRequestException e, string phrase) => e.Message.Contains(phrase, StringComparison.OrdinalIgnoreCase);

    [LoggerMessage(LogLevel.Debug, "Edit of message {MessageId} in chat {ChatId} skipped: {Reason}")]
    private static partial void LogEditSkipped(ILogger logger, long chatId, long messageId, string reason);

    [LoggerMessage(LogLevel.Debug, "Callback query answered too late: {Reason}")]
    private static partial void LogCallbackTooOld(ILogger logger, string reason);

    [LoggerMessage(LogLevel.Information, "Telegram refused to delete message {MessageId} in chat {ChatId}: {Reason}")]
    private static partial void LogDeleteRefused(ILogger logger, long chatId, long messageId, string reason);
}
