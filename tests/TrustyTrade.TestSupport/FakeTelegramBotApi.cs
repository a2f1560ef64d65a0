using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace TrustyTrade.TestSupport;

/// <summary>
/// A local fake of the Telegram Bot API on a free loopback port. <c>sendMessage</c> enforces Telegram's limits as
/// strictly as they are stated — at most <see cref="GlobalPerSecond"/> messages in any sliding second for the bot and
/// one per second per chat — and answers 429 with <c>parameters.retry_after</c> beyond them. The other methods the bot
/// calls (editing, deleting, callbacks, Stars invoices and pre-checkout answers, the webhook, commands and
/// descriptions) answer as the real API does, refusing what it refuses: editing a message to what it already says,
/// editing or deleting a message it never sent. Every call is recorded in order (<see cref="Calls"/>), and every
/// accepted message (<see cref="Delivered"/>). Tests can make a chat refuse (403/400) or fail (5xx), throttle the next
/// messages, fail the next calls of any method, or make deleting a message fail.
/// Telegram Stars: the payments tests make (<see cref="AddStarPayment"/>) and the refunds the bot asks for
/// (<c>refundStarPayment</c>, refused with 400 CHARGE_ALREADY_REFUNDED the second time for a charge, as Telegram does)
/// are listed by <c>getStarTransactions</c>, paged by offset and limit, newest first; tests can add transactions the bot
/// never saw or hide ones it did. A refund of a charge the fake was never told of is taken (and listed) too, so tests
/// that pay through Core alone can still close their deals.
/// </summary>
public sealed class FakeTelegramBotApi : IAsyncDisposable
{
    public const int GlobalPerSecond = 30;

    private const string NotModified =
        "Bad Request: message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message";

    private static readonly long OneSecond = Stopwatch.Frequency;

    private readonly WebApplication _app;
    private readonly Lock _lock = new();
    private readonly Queue<long> _acceptedInLastSecond = new();
    private readonly Dictionary<long, long> _lastAcceptedPerChat = [];
    private readonly List<BotApiCall> _calls = [];
    private readonly Dictionary<(long Chat, long Message), SentMessage> _messages = [];
    private readonly Dictionary<string, Queue<Failure>> _scriptedFailures = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<DeliveredMessage> _delivered = new();
    private readonly ConcurrentQueue<long> _throttled = new();
    private readonly ConcurrentDictionary<long, (int Status, string Description)> _failingChats = new();
    private readonly ConcurrentDictionary<(long Chat, long Message), string> _undeletable = new();
    private readonly List<StarTransactionRecord> _starTransactions = [];
    private readonly HashSet<string> _hiddenStarTransactions = new(StringComparer.Ordinal);
    private readonly long _botId;
    private int _forcedThrottles;
    private int _forcedRetryAfter = 1;
    private long _messageId;
    private int _throttledForBot;

    private FakeTelegramBotApi(WebApplication app, string token)
    {
        _app = app;
        Token = token;
        // A bot's id is its token's first part; the fake answers as that bot in the messages' "from".
        _botId = long.TryParse(token.Split(':')[0], CultureInfo.InvariantCulture, out var botId) ? botId : 1;
        app.MapPost("/bot{token}/{method}", HandleAsync);
    }

    public string Token { get; }

    public string BaseUrl { get; private set; } = "";

    public IReadOnlyCollection<DeliveredMessage> Delivered => _delivered;

    /// <summary>Every 429 answered by sendMessage's limits or <see cref="ThrottleNext"/>: the chat it was for.</summary>
    public IReadOnlyCollection<long> Throttled => _throttled;

    /// <summary>How many of the 429s were for the bot's limit (the rest: a chat's, or forced by <see cref="ThrottleNext"/>).</summary>
    public int ThrottledForBot
    {
        get
        {
            lock (_lock)
            {
                return _throttledForBot;
            }
        }
    }

    /// <summary>Every request received so far, in the order it arrived, whatever it was answered.</summary>
    public IReadOnlyList<BotApiCall> Calls
    {
        get
        {
            lock (_lock)
            {
                return [.. _calls];
            }
        }
    }

    public static async Task<FakeTelegramBotApi> StartAsync(string token = "123456789:fake-test-token")
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var fake = new FakeTelegramBotApi(builder.Build(), token);
        await fake._app.StartAsync().ConfigureAwait(false);
        // After start, Urls holds the address Kestrel bound, with the port it chose.
        fake.BaseUrl = fake._app.Urls.Single();
        return fake;
    }

    /// <summary>The calls of one method (e.g. "setMyCommands"), in order.</summary>
    /// <summary>
    /// Whether sendMessage keeps Telegram's bot-wide and per-chat limits (answering 429 beyond them). Conversation tests
    /// turn it off: the bot answers one person with two messages in a row, and the sender's limits are tested elsewhere.
    /// </summary>
    public bool EnforceRateLimits { get; set; } = true;

    /// <summary>The bot's messages in a chat as it shows them now (edits applied, deleted ones gone), oldest first.</summary>
    public IReadOnlyList<ChatMessage> MessagesIn(long chatId)
    {
        lock (_lock)
        {
            return [.. _messages.Where(m => m.Key.Chat == chatId).OrderBy(m => m.Key.Message)
                .Select(m => new ChatMessage(m.Key.Message, m.Value.Text,
                    m.Value.ReplyMarkup is null ? null : JsonDocument.Parse(m.Value.ReplyMarkup).RootElement.Clone()))];
        }
    }

    public IReadOnlyList<BotApiCall> CallsTo(string method) => [.. Calls.Where(c => c.Method == method)];

    /// <summary>The one call of <paramref name="method"/>; fails when there were none or several.</summary>
    public BotApiCall SingleCallTo(string method) => CallsTo(method).Single();

    /// <summary>Answers the next <paramref name="count"/> sendMessage calls with 429 and this retry_after.</summary>
    public void ThrottleNext(int count, int retryAfterSeconds)
    {
        Volatile.Write(ref _forcedRetryAfter, retryAfterSeconds);
        Interlocked.Exchange(ref _forcedThrottles, count);
    }

    /// <summary>Makes every message to <paramref name="chatId"/> fail with this status (403 blocked, 400 not found, 500…).</summary>
    public void FailChat(long chatId, int status, string description) => _failingChats[chatId] = (status, description);

    /// <summary>
    /// Answers the next <paramref name="count"/> calls of <paramref name="method"/> with this error (429 with
    /// <paramref name="retryAfterSeconds"/>, 500, 400 "Bad Request: query is too old…"), before anything else is checked.
    /// </summary>
    public void FailNext(string method, int count, int status, string description, int? retryAfterSeconds = null)
    {
        lock (_lock)
        {
            if (!_scriptedFailures.TryGetValue(method, out var failures))
            {
                _scriptedFailures[method] = failures = new Queue<Failure>();
            }

            for (var i = 0; i < count; i++)
            {
                failures.Enqueue(new Failure(status, description, retryAfterSeconds));
            }
        }
    }

    /// <summary>A successful Stars payment Telegram took from <paramref name="userId"/> (what a successful_payment update reports).</summary>
    public void AddStarPayment(long userId, string chargeId, long amount, DateTimeOffset? at = null)
    {
        lock (_lock)
        {
            // Telegram charges once per charge id, however often the update about it is sent.
            if (!_starTransactions.Any(t => !t.Refund && t.Id == chargeId))
            {
                _starTransactions.Add(new StarTransactionRecord(chargeId, amount, at ?? DateTimeOffset.UtcNow, userId, Refund: false));
            }
        }
    }

    /// <summary>A refund Telegram lists without the bot having asked for it here (made elsewhere, e.g. by support).</summary>
    public void AddStarRefund(long userId, string chargeId, long amount, DateTimeOffset? at = null)
    {
        lock (_lock)
        {
            _starTransactions.Add(new StarTransactionRecord(chargeId, amount, at ?? DateTimeOffset.UtcNow, userId, Refund: true));
        }
    }

    /// <summary>Leaves every transaction with this id (payment and refund) out of getStarTransactions.</summary>
    public void HideStarTransaction(string chargeId)
    {
        lock (_lock)
        {
            _hiddenStarTransactions.Add(chargeId);
        }
    }

    /// <summary>Makes deleteMessage of this message fail with 400, as Telegram answers for one older than 48 hours.</summary>
    public void FailDelete(long chatId, long messageId, string description = "Bad Request: message can't be deleted") =>
        _undeletable[(chatId, messageId)] = description;

    public async ValueTask DisposeAsync() => await _app.DisposeAsync().ConfigureAwait(false);

    private async Task HandleAsync(HttpContext context, string token, string method)
    {
        if (token != Token)
        {
            await AnswerErrorAsync(context, 401, "Unauthorized", retryAfter: null).ConfigureAwait(false);
            return;
        }

        // Telegram.Bot posts every request without a file as JSON (a method without parameters, with no body at all);
        // one with a file would come as multipart form, and none of the methods below gets one from us, so any other
        // body is a mistake worth failing loudly on.
        JsonElement body;
        if (context.Request.ContentLength is 0 || context.Request.ContentType is null)
        {
            body = JsonSerializer.SerializeToElement(new { });
        }
        else if (context.Request.ContentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
        {
            using var document = await JsonDocument.ParseAsync(context.Request.Body).ConfigureAwait(false);
            body = document.RootElement.Clone();
        }
        else
        {
            Record(method, JsonSerializer.SerializeToElement(new { }));
            await AnswerErrorAsync(context, 400, "Bad Request: the fake Bot API reads JSON bodies only", retryAfter: null).ConfigureAwait(false);
            return;
        }

        Record(method, body);

        if (TakeScriptedFailure(method) is { } scripted)
        {
            await AnswerErrorAsync(context, scripted.Status, scripted.Description, scripted.RetryAfter).ConfigureAwait(false);
            return;
        }

        try
        {
            await (method switch
            {
                "sendMessage" => SendMessageAsync(context, body),
                "editMessageText" => EditMessageTextAsync(context, body),
                "deleteMessage" => DeleteMessageAsync(context, body),
                "sendInvoice" => SendInvoiceAsync(context, body),
                "refundStarPayment" => RefundStarPaymentAsync(context, body),
                "getStarTransactions" => GetStarTransactionsAsync(context, body),
                "answerCallbackQuery" or "answerPreCheckoutQuery" or "setWebhook" or "setMyCommands" or "setMyDescription"
                    or "setMyShortDescription" => AnswerAsync(context, true),
                _ => AnswerErrorAsync(context, 404, "Not Found: method not found", retryAfter: null),
            }).ConfigureAwait(false);
        }
        catch (KeyNotFoundException)
        {
            // As Telegram does for a request without a required parameter (e.g. "Bad Request: chat_id is empty").
            await AnswerErrorAsync(context, 400, "Bad Request: a required parameter is empty", retryAfter: null).ConfigureAwait(false);
        }
    }

    private async Task SendMessageAsync(HttpContext context, JsonElement body)
    {
        var chatId = ChatId(body);
        var text = body.GetProperty("text").GetString() ?? "";

        if (_failingChats.TryGetValue(chatId, out var failure))
        {
            await AnswerErrorAsync(context, failure.Status, failure.Description, retryAfter: null).ConfigureAwait(false);
            return;
        }

        int? retryAfter = null;
        var now = Stopwatch.GetTimestamp();
        if (EnforceRateLimits)
        {
            lock (_lock)
            {
                while (_acceptedInLastSecond.TryPeek(out var oldest) && now - oldest >= OneSecond)
                {
                    _acceptedInLastSecond.Dequeue();
                }

                if (Interlocked.Decrement(ref _forcedThrottles) >= 0)
                {
                    retryAfter = Volatile.Read(ref _forcedRetryAfter);
                }
                else if (_acceptedInLastSecond.Count >= GlobalPerSecond)
                {
                    retryAfter = 1;
                    _throttledForBot++;
                }
                else if (_lastAcceptedPerChat.TryGetValue(chatId, out var last) && now - last < OneSecond)
                {
                    retryAfter = 1;
                }
                else
                {
                    _acceptedInLastSecond.Enqueue(now);
                    _lastAcceptedPerChat[chatId] = now;
                }
            }
        }

        if (retryAfter is { } seconds)
        {
            _throttled.Enqueue(chatId);
            await AnswerErrorAsync(context, 429, $"Too Many Requests: retry after {seconds}", seconds).ConfigureAwait(false);
            return;
        }

        var markup = Optional(body, "reply_markup");
        var id = Interlocked.Increment(ref _messageId);
        lock (_lock)
        {
            _messages[(chatId, id)] = new SentMessage(text, markup?.GetRawText());
        }

        _delivered.Enqueue(new DeliveredMessage(chatId, text, DateTimeOffset.UtcNow, markup));
        await AnswerAsync(context, MessageResult(id, chatId, text, markup, edited: false)).ConfigureAwait(false);
    }

    private async Task EditMessageTextAsync(HttpContext context, JsonElement body)
    {
        var chatId = ChatId(body);
        var messageId = body.GetProperty("message_id").GetInt64();
        var text = body.GetProperty("text").GetString() ?? "";
        var markup = Optional(body, "reply_markup");
        string? refusal;
        lock (_lock)
        {
            refusal = !_messages.TryGetValue((chatId, messageId), out var current) ? "Bad Request: message to edit not found"
                : current.Text == text && current.ReplyMarkup == markup?.GetRawText() ? NotModified
                : null;
            if (refusal is null)
            {
                _messages[(chatId, messageId)] = new SentMessage(text, markup?.GetRawText());
            }
        }

        await (refusal is null
            ? AnswerAsync(context, MessageResult(messageId, chatId, text, markup, edited: true))
            : AnswerErrorAsync(context, 400, refusal, retryAfter: null)).ConfigureAwait(false);
    }

    private async Task DeleteMessageAsync(HttpContext context, JsonElement body)
    {
        var key = (ChatId(body), body.GetProperty("message_id").GetInt64());
        if (_undeletable.TryGetValue(key, out var description))
        {
            await AnswerErrorAsync(context, 400, description, retryAfter: null).ConfigureAwait(false);
            return;
        }

        bool removed;
        lock (_lock)
        {
            removed = _messages.Remove(key);
        }

        await (removed
            ? AnswerAsync(context, true)
            : AnswerErrorAsync(context, 400, "Bad Request: message to delete not found", retryAfter: null)).ConfigureAwait(false);
    }

    private async Task SendInvoiceAsync(HttpContext context, JsonElement body)
    {
        var chatId = ChatId(body);
        var id = Interlocked.Increment(ref _messageId);
        var total = body.GetProperty("prices").EnumerateArray().Sum(p => p.GetProperty("amount").GetInt64());
        await AnswerAsync(context, new Dictionary<string, object?>
        {
            ["message_id"] = id,
            ["from"] = BotUser(),
            ["date"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
            ["chat"] = new { id = chatId, type = "private" },
            ["invoice"] = new
            {
                title = body.GetProperty("title").GetString(),
                description = body.GetProperty("description").GetString(),
                start_parameter = "",
                currency = body.GetProperty("currency").GetString(),
                total_amount = total,
            },
        }).ConfigureAwait(false);
    }

    private async Task RefundStarPaymentAsync(HttpContext context, JsonElement body)
    {
        var userId = body.GetProperty("user_id").GetInt64();
        var chargeId = body.GetProperty("telegram_payment_charge_id").GetString() ?? "";
        bool refunded;
        lock (_lock)
        {
            refunded = _starTransactions.Any(t => t.Refund && t.Id == chargeId);
            if (!refunded)
            {
                var amount = _starTransactions.FirstOrDefault(t => !t.Refund && t.Id == chargeId)?.Amount ?? 0;
                _starTransactions.Add(new StarTransactionRecord(chargeId, amount, DateTimeOffset.UtcNow, userId, Refund: true));
            }
        }

        await (refunded
            ? AnswerErrorAsync(context, 400, "Bad Request: CHARGE_ALREADY_REFUNDED", retryAfter: null)
            : AnswerAsync(context, true)).ConfigureAwait(false);
    }

    private async Task GetStarTransactionsAsync(HttpContext context, JsonElement body)
    {
        var offset = Optional(body, "offset")?.GetInt32() ?? 0;
        var limit = Optional(body, "limit")?.GetInt32() ?? 100;
        List<object> page;
        lock (_lock)
        {
            page = [.. _starTransactions.Where(t => !_hiddenStarTransactions.Contains(t.Id))
                .OrderByDescending(t => t.At).Skip(offset).Take(limit).Select(StarTransactionJson)];
        }

        await AnswerAsync(context, new { transactions = page }).ConfigureAwait(false);
    }

    private static object StarTransactionJson(StarTransactionRecord t)
    {
        var partner = new
        {
            type = "user",
            transaction_type = "invoice_payment",
            user = new { id = t.UserId, is_bot = false, first_name = "Payer" },
        };
        return t.Refund
            ? new { id = t.Id, amount = t.Amount, date = t.At.ToUnixTimeSeconds(), receiver = partner }
            : new { id = t.Id, amount = t.Amount, date = t.At.ToUnixTimeSeconds(), source = partner };
    }

    private Dictionary<string, object?> MessageResult(long id, long chatId, string text, JsonElement? markup, bool edited)
    {
        var message = new Dictionary<string, object?>
        {
            ["message_id"] = id,
            ["from"] = BotUser(),
            ["date"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
            ["chat"] = new { id = chatId, type = "private" },
            ["text"] = text,
        };
        if (edited)
        {
            message["edit_date"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        }

        if (markup is { } keyboard)
        {
            message["reply_markup"] = keyboard;
        }

        return message;
    }

    private object BotUser() => new { id = _botId, is_bot = true, first_name = "TrustyTrade", username = "trustytrade_test_bot" };

    private void Record(string method, JsonElement body)
    {
        lock (_lock)
        {
            _calls.Add(new BotApiCall(method, body, DateTimeOffset.UtcNow));
        }
    }

    private Failure? TakeScriptedFailure(string method)
    {
        lock (_lock)
        {
            return _scriptedFailures.TryGetValue(method, out var failures) && failures.TryDequeue(out var failure) ? failure : null;
        }
    }

    private static long ChatId(JsonElement body)
    {
        var chat = body.GetProperty("chat_id");
        return chat.ValueKind == JsonValueKind.String ? long.Parse(chat.GetString()!, CultureInfo.InvariantCulture) : chat.GetInt64();
    }

    private static JsonElement? Optional(JsonElement body, string name) =>
        body.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;

    private static Task AnswerAsync(HttpContext context, object result) => context.Response.WriteAsJsonAsync(new { ok = true, result });

    private static Task AnswerErrorAsync(HttpContext context, int status, string description, int? retryAfter)
    {
        context.Response.StatusCode = status;
        return retryAfter is { } seconds
            ? context.Response.WriteAsJsonAsync(new { ok = false, error_code = status, description, parameters = new { retry_after = seconds } })
            : context.Response.WriteAsJsonAsync(new { ok = false, error_code = status, description });
    }

    private sealed record SentMessage(string Text, string? ReplyMarkup);

    private sealed record Failure(int Status, string Description, int? RetryAfter);

    private sealed record StarTransactionRecord(string Id, long Amount, DateTimeOffset At, long UserId, bool Refund);
}
