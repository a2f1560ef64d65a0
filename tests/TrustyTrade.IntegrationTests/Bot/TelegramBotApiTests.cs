using System.Text.Encodings.Web;
using System.Text.Json;
using Telegram.Bot.Exceptions;
using TrustyTrade.Core.Bot;

namespace TrustyTrade.IntegrationTests.Bot;

/// <summary>The conversations' Bot API client against the local fake: what Telegram receives, and which refusals are errors.</summary>
public sealed class TelegramBotApiTests : IAsyncLifetime
{
    private const long Chat = 4242;

    private static readonly BotKeyboard Keyboard = BotKeyboard.Of(
        [new BotButton("Купить", "buy:17"), new BotButton("Назад", "back")],
        [new BotButton("Помощь", "help")]);

    /// <summary>Compact JSON that escapes nothing it need not, whatever the sender's escaping.</summary>
    private static readonly JsonSerializerOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private BotApiBench _bench = null!;

    private IBotClient Bot => _bench.Bot;

    public async Task InitializeAsync() => _bench = await BotApiBench.StartAsync();

    public async Task DisposeAsync() => await _bench.DisposeAsync();

    [Fact]
    public async Task SendTextAsync_WithKeyboard_SendsRowsOfCallbackButtons()
    {
        await Bot.SendTextAsync(Chat, "Выберите", Keyboard, CancellationToken.None);

        var markup = _bench.Telegram.SingleCallTo("sendMessage").Parameter("reply_markup")!.Value;
        Assert.Equal(
            """{"inline_keyboard":[[{"text":"Купить","callback_data":"buy:17"},{"text":"Назад","callback_data":"back"}],[{"text":"Помощь","callback_data":"help"}]]}""",
            Normalized(markup));
    }

    [Fact]
    public async Task SendTextAsync_ReturnsTheMessageIdTelegramGave()
    {
        var first = await Bot.SendTextAsync(Chat, "one", null, CancellationToken.None);
        var second = await Bot.SendTextAsync(Chat + 1, "two", null, CancellationToken.None);

        Assert.Equal([first + 1], [second]);
    }

    [Fact]
    public async Task SendTextAsync_UserText_GoesAsPlainTextWithoutParseModeOrKeyboard()
    {
        const string text = "*not bold* <b>nor this</b> _x_";

        await Bot.SendTextAsync(Chat, text, null, CancellationToken.None);

        var call = _bench.Telegram.SingleCallTo("sendMessage");
        Assert.Equal((text, null, null), (call.Text("text"), call.Parameter("parse_mode"), call.Parameter("reply_markup")));
    }

    [Fact]
    public async Task SendTextAsync_TooManyRequests_Throws429()
    {
        _bench.Telegram.ThrottleNext(1, retryAfterSeconds: 3);

        var error = await Assert.ThrowsAsync<ApiRequestException>(() => Bot.SendTextAsync(Chat, "hi", null, CancellationToken.None));

        Assert.Equal((429, 3), (error.ErrorCode, error.Parameters?.RetryAfter));
    }

    [Fact]
    public async Task SendTextAsync_ServerError_Throws()
    {
        _bench.Telegram.FailNext("sendMessage", 1, 502, "Bad Gateway");

        var error = await Assert.ThrowsAsync<ApiRequestException>(() => Bot.SendTextAsync(Chat, "hi", null, CancellationToken.None));

        Assert.Equal(502, error.ErrorCode);
    }

    [Fact]
    public async Task EditTextAsync_NewTextAndKeyboard_ReplacesBoth()
    {
        var id = await Bot.SendTextAsync(Chat, "before", null, CancellationToken.None);

        await Bot.EditTextAsync(Chat, id, "after", Keyboard, CancellationToken.None);

        var edit = _bench.Telegram.SingleCallTo("editMessageText");
        Assert.Equal(
            (Chat, id, "after", "buy:17"),
            (edit.Parameter("chat_id")!.Value.GetInt64(), edit.Parameter("message_id")!.Value.GetInt64(), edit.Text("text"),
                edit.Parameter("reply_markup")!.Value.GetProperty("inline_keyboard")[0][0].GetProperty("callback_data").GetString()));
    }

    [Fact]
    public async Task EditTextAsync_SameTextAndKeyboard_IsNotAnError()
    {
        var id = await Bot.SendTextAsync(Chat, "same", Keyboard, CancellationToken.None);

        var error = await Record.ExceptionAsync(() => Bot.EditTextAsync(Chat, id, "same", Keyboard, CancellationToken.None));

        Assert.Null(error);
    }

    [Fact]
    public async Task EditTextAsync_SameText_ReallyRefusedByTheFake()
    {
        // Guards the test above: the fake must answer "not modified", or ignoring it would be untested.
        var id = await Bot.SendTextAsync(Chat, "same", null, CancellationToken.None);
        await Bot.EditTextAsync(Chat, id, "same", null, CancellationToken.None);

        Assert.Contains(_bench.Logs.Lines, l => l.Message.Contains("message is not modified", StringComparison.Ordinal));
    }

    [Fact]
    public async Task EditTextAsync_MessageGone_IsNotAnError()
    {
        var error = await Record.ExceptionAsync(() => Bot.EditTextAsync(Chat, 999_999, "text", null, CancellationToken.None));

        Assert.Null(error);
    }

    [Fact]
    public async Task EditTextAsync_TooManyRequests_Throws()
    {
        var id = await Bot.SendTextAsync(Chat, "before", null, CancellationToken.None);
        _bench.Telegram.FailNext("editMessageText", 1, 429, "Too Many Requests: retry after 5", retryAfterSeconds: 5);

        var error = await Assert.ThrowsAsync<ApiRequestException>(() => Bot.EditTextAsync(Chat, id, "after", null, CancellationToken.None));

        Assert.Equal(429, error.ErrorCode);
    }

    [Fact]
    public async Task EditTextAsync_OtherBadRequest_Throws()
    {
        _bench.Telegram.FailNext("editMessageText", 1, 400, "Bad Request: message text is empty");

        var error = await Assert.ThrowsAsync<ApiRequestException>(() => Bot.EditTextAsync(Chat, 1, "x", null, CancellationToken.None));

        Assert.Equal(400, error.ErrorCode);
    }

    [Fact]
    public async Task AnswerCallbackAsync_SendsToastTextAndAlert()
    {
        await Bot.AnswerCallbackAsync("cbq-1", "Готово", alert: true, CancellationToken.None);

        var call = _bench.Telegram.SingleCallTo("answerCallbackQuery");
        Assert.Equal(("cbq-1", "Готово", true), (call.Text("callback_query_id"), call.Text("text"), call.Parameter("show_alert")!.Value.GetBoolean()));
    }

    [Fact]
    public async Task AnswerCallbackAsync_QueryTooOld_IsNotAnError()
    {
        _bench.Telegram.FailNext("answerCallbackQuery", 1, 400, "Bad Request: query is too old and response timeout expired or query ID is invalid");

        var error = await Record.ExceptionAsync(() => Bot.AnswerCallbackAsync("cbq-old", null, alert: false, CancellationToken.None));

        Assert.Null(error);
    }

    [Fact]
    public async Task AnswerCallbackAsync_ServerError_Throws()
    {
        _bench.Telegram.FailNext("answerCallbackQuery", 1, 500, "Internal Server Error");

        await Assert.ThrowsAsync<ApiRequestException>(() => Bot.AnswerCallbackAsync("cbq-2", null, alert: false, CancellationToken.None));
    }

    [Fact]
    public async Task DeleteMessageAsync_SentMessage_ReturnsTrue()
    {
        var id = await Bot.SendTextAsync(Chat, "bye", null, CancellationToken.None);

        Assert.True(await Bot.DeleteMessageAsync(Chat, id, CancellationToken.None));
    }

    [Fact]
    public async Task DeleteMessageAsync_TelegramRefuses_ReturnsFalse()
    {
        var id = await Bot.SendTextAsync(Chat, "old", null, CancellationToken.None);
        _bench.Telegram.FailDelete(Chat, id);

        Assert.False(await Bot.DeleteMessageAsync(Chat, id, CancellationToken.None));
    }

    [Fact]
    public async Task DeleteMessageAsync_AlreadyDeleted_ReturnsFalse()
    {
        var id = await Bot.SendTextAsync(Chat, "bye", null, CancellationToken.None);
        await Bot.DeleteMessageAsync(Chat, id, CancellationToken.None);

        Assert.False(await Bot.DeleteMessageAsync(Chat, id, CancellationToken.None));
    }

    [Fact]
    public async Task DeleteMessageAsync_TooManyRequests_Throws()
    {
        _bench.Telegram.FailNext("deleteMessage", 1, 429, "Too Many Requests: retry after 1", retryAfterSeconds: 1);

        await Assert.ThrowsAsync<ApiRequestException>(() => Bot.DeleteMessageAsync(Chat, 1, CancellationToken.None));
    }

    [Fact]
    public async Task SendStarsInvoiceAsync_SendsOnePriceInXtrWithoutAProvider()
    {
        await Bot.SendStarsInvoiceAsync(Chat, new StarsInvoice("Deal #17", "Genshin account, AR 60", "deal:17", "Account", 250), CancellationToken.None);

        var call = _bench.Telegram.SingleCallTo("sendInvoice");
        Assert.Equal(
            ("XTR", """[{"label":"Account","amount":250}]""", "deal:17", ""),
            (call.Text("currency"), Normalized(call.Parameter("prices")!.Value), call.Text("payload"), call.Text("provider_token") ?? ""));
    }

    [Fact]
    public async Task AnswerPreCheckoutAsync_NoRefusal_LetsThePaymentGoOn()
    {
        await Bot.AnswerPreCheckoutAsync("pcq-1", null, CancellationToken.None);

        var call = _bench.Telegram.SingleCallTo("answerPreCheckoutQuery");
        Assert.Equal(("pcq-1", true, null), (call.Text("pre_checkout_query_id"), call.Parameter("ok")!.Value.GetBoolean(), call.Text("error_message")));
    }

    [Fact]
    public async Task AnswerPreCheckoutAsync_Refusal_CancelsThePaymentWithTheText()
    {
        await Bot.AnswerPreCheckoutAsync("pcq-2", "Лот уже продан", CancellationToken.None);

        var call = _bench.Telegram.SingleCallTo("answerPreCheckoutQuery");
        Assert.Equal((false, "Лот уже продан"), (call.Parameter("ok")!.Value.GetBoolean(), call.Text("error_message")));
    }

    [Fact]
    public async Task Logs_NeverCarryTheTokenOrAMessagesText()
    {
        var id = await Bot.SendTextAsync(Chat, "secret-ish text", null, CancellationToken.None);
        await Bot.EditTextAsync(Chat, id, "secret-ish text", null, CancellationToken.None);
        _bench.Telegram.FailDelete(Chat, id);
        await Bot.DeleteMessageAsync(Chat, id, CancellationToken.None);

        Assert.DoesNotContain(_bench.Logs.Lines, l =>
            l.Message.Contains("secret-ish", StringComparison.Ordinal) || l.Message.Contains(_bench.Telegram.Token, StringComparison.Ordinal));
    }

    private static string Normalized(JsonElement element) => JsonSerializer.Serialize(element, Compact);
}
