namespace TrustyTrade.Core.Bot;

/// <summary>
/// What the bot's conversations ask of the Telegram Bot API. Errors that may pass (network, 5xx, 429) are thrown, so
/// the queue runs the update again; the API's refusals that asking again won't change are swallowed where noted.
/// </summary>
public interface IBotClient
{
    /// <summary>Sends a message (with inline buttons when <paramref name="keyboard"/> is given); returns its message id.</summary>
    Task<long> SendTextAsync(long chatId, string text, BotKeyboard? keyboard, CancellationToken cancellationToken);

    /// <summary>Replaces a message's text and buttons; "message is not modified" and a message gone are not errors.</summary>
    Task EditTextAsync(long chatId, long messageId, string text, BotKeyboard? keyboard, CancellationToken cancellationToken);

    /// <summary>Stops the button's spinner, showing <paramref name="text"/> as a toast (or an alert) when given; a too-old query is not an error.</summary>
    Task AnswerCallbackAsync(string callbackQueryId, string? text, bool alert, CancellationToken cancellationToken);

    /// <summary>Deletes a message; false when Telegram refused (too old, already gone).</summary>
    Task<bool> DeleteMessageAsync(long chatId, long messageId, CancellationToken cancellationToken);

    /// <summary>Sends an invoice payable in Telegram Stars (currency XTR, no provider token).</summary>
    Task SendStarsInvoiceAsync(long chatId, StarsInvoice invoice, CancellationToken cancellationToken);

    /// <summary>Answers a pre-checkout query: null <paramref name="refusal"/> lets the payment go on, else it is cancelled with that text.</summary>
    Task AnswerPreCheckoutAsync(string preCheckoutQueryId, string? refusal, CancellationToken cancellationToken);
}
