using System.Globalization;
using TrustyTrade.Core.Bot.Updates;
using TrustyTrade.Core.Deals;
using TrustyTrade.Core.Idempotency;
using TrustyTrade.Core.Users;

namespace TrustyTrade.Core.Bot.Conversations;

/// <summary>
/// One update being answered: who sent it, in which chat, where their conversation stood, and the ways to answer.
/// A pressed button's answer replaces the message the button was under; a typed message gets a new message.
/// </summary>
public sealed class Turn(
    IBotClient bot, DealService deals, BotUpdate update, User user, long chatId, ConversationState state, CancellationToken cancellationToken)
{
    private bool _callbackAnswered;

    public BotUpdate Update { get; } = update;

    /// <summary>The deal use cases, telling each deal's workflow what moved it.</summary>
    public DealService Deals { get; } = deals;

    public User User { get; private set; } = user;

    public long ChatId { get; } = chatId;

    public ConversationState State { get; private set; } = state;

    public CancellationToken CancellationToken { get; } = cancellationToken;

    public BotCallback? Callback => Update.Callback;

    public BotMessage? Message => Update.Message;

    public string Language => User.Language;

    /// <summary>Set when the state changed and must be saved when the turn ends.</summary>
    public bool StateChanged { get; private set; }

    public string T(string key, params object?[] arguments) => BotTexts.Get(Language, key, arguments);

    /// <summary>The key of what this update does once: the update's id, so Telegram redelivering it changes nothing.</summary>
    public IdempotencyKey UpdateKey => IdempotencyKey.For("tg-update", Update.UpdateId.ToString(CultureInfo.InvariantCulture));

    /// <summary>
    /// The key of a button's effect: the message the button is on and what it does, so a double tap (two updates) is one
    /// effect; typed text has no button, and its update's key serves.
    /// </summary>
    public IdempotencyKey ButtonKey(string action, long id) => Callback is { ChatId: { } chat, MessageId: { } message }
        ? IdempotencyKey.For("tg-button", string.Create(CultureInfo.InvariantCulture, $"{chat}:{message}:{action}:{id}"))
        : UpdateKey;

    public void Become(ConversationState next)
    {
        State = next with { UpdateId = Update.UpdateId };
        StateChanged = true;
    }

    /// <summary>Back to no wizard, keeping the browse filter (it outlives wizards).</summary>
    public void Reset() => Become(ConversationState.Idle with { Filter = State.Filter });

    public void SwitchLanguage(string language) => User = User with { Language = language };

    /// <summary>Shows a screen: in place of the pressed button's message, else as a new message.</summary>
    public async Task ShowAsync(string text, BotKeyboard? keyboard = null)
    {
        if (Callback is { MessageId: { } messageId, ChatId: { } chat })
        {
            await bot.EditTextAsync(chat, messageId, text, keyboard, CancellationToken).ConfigureAwait(false);
            return;
        }

        await bot.SendTextAsync(ChatId, text, keyboard, CancellationToken).ConfigureAwait(false);
    }

    /// <summary>Always a new message: something to keep in the chat history, or an answer to typed text.</summary>
    public Task<long> SayAsync(string text, BotKeyboard? keyboard = null) => bot.SendTextAsync(ChatId, text, keyboard, CancellationToken);

    /// <summary>A short note on the pressed button (an alert when it needs reading); nothing for a typed message.</summary>
    public async Task ToastAsync(string text, bool alert = false)
    {
        if (Callback is { } callback && !_callbackAnswered)
        {
            _callbackAnswered = true;
            await bot.AnswerCallbackAsync(callback.Id, text, alert, CancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>A refusal: an alert on a button, else a message.</summary>
    public async Task RefuseAsync(string text)
    {
        if (Callback is not null)
        {
            await ToastAsync(text, alert: true).ConfigureAwait(false);
            return;
        }

        await SayAsync(text).ConfigureAwait(false);
    }

    /// <summary>Stops the button's spinner when nothing else answered it.</summary>
    public async Task FinishAsync()
    {
        if (Callback is { } callback && !_callbackAnswered)
        {
            _callbackAnswered = true;
            await bot.AnswerCallbackAsync(callback.Id, null, false, CancellationToken).ConfigureAwait(false);
        }
    }

    public Task<bool> DeleteAsync(long messageId) => bot.DeleteMessageAsync(ChatId, messageId, CancellationToken);

    public Task SendInvoiceAsync(StarsInvoice invoice) => bot.SendStarsInvoiceAsync(ChatId, invoice, CancellationToken);

    /// <summary>A message to another user (the other side of a deal); false when they blocked the bot.</summary>
    public async Task<bool> TellAsync(long chatId, string text, BotKeyboard? keyboard = null)
    {
        try
        {
            await bot.SendTextAsync(chatId, text, keyboard, CancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (BotChatUnavailableException)
        {
            return false;
        }
    }
}
