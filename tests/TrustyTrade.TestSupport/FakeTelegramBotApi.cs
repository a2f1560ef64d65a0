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
/// A local fake of the Telegram Bot API's <c>sendMessage</c> on a free loopback port. It enforces Telegram's limits
/// as strictly as they are stated — at most <see cref="GlobalPerSecond"/> messages in any sliding second for the bot
/// and one per second per chat — and answers 429 with <c>parameters.retry_after</c> beyond them. Every accepted
/// message is recorded. Tests can make a chat refuse (403/400), fail (5xx), or throttle the next requests.
/// </summary>
public sealed class FakeTelegramBotApi : IAsyncDisposable
{
    public const int GlobalPerSecond = 30;

    private static readonly long OneSecond = Stopwatch.Frequency;

    private readonly WebApplication _app;
    private readonly Lock _lock = new();
    private readonly Queue<long> _acceptedInLastSecond = new();
    private readonly Dictionary<long, long> _lastAcceptedPerChat = [];
    private readonly ConcurrentQueue<DeliveredMessage> _delivered = new();
    private readonly ConcurrentQueue<long> _throttled = new();
    private readonly ConcurrentDictionary<long, (int Status, string Description)> _failingChats = new();
    private int _forcedThrottles;
    private int _forcedRetryAfter = 1;
    private long _messageId;
    private int _throttledForBot;

    private FakeTelegramBotApi(WebApplication app, string token)
    {
        _app = app;
        Token = token;
        app.MapPost("/bot{token}/{method}", HandleAsync);
    }

    public string Token { get; }

    public string BaseUrl { get; private set; } = "";

    public IReadOnlyCollection<DeliveredMessage> Delivered => _delivered;

    /// <summary>Every 429 answered: the chat it was for.</summary>
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

    /// <summary>Answers the next <paramref name="count"/> sendMessage calls with 429 and this retry_after.</summary>
    public void ThrottleNext(int count, int retryAfterSeconds)
    {
        Volatile.Write(ref _forcedRetryAfter, retryAfterSeconds);
        Interlocked.Exchange(ref _forcedThrottles, count);
    }

    /// <summary>Makes every message to <paramref name="chatId"/> fail with this status (403 blocked, 400 not found, 500…).</summary>
    public void FailChat(long chatId, int status, string description) => _failingChats[chatId] = (status, description);

    public async ValueTask DisposeAsync() => await _app.DisposeAsync().ConfigureAwait(false);

    private async Task HandleAsync(HttpContext context, string token, string method)
    {
        if (token != Token)
        {
            await AnswerErrorAsync(context, 401, "Unauthorized", retryAfter: null).ConfigureAwait(false);
            return;
        }

        if (method != "sendMessage")
        {
            await AnswerErrorAsync(context, 404, "Not Found: method not found", retryAfter: null).ConfigureAwait(false);
            return;
        }

        using var body = await JsonDocument.ParseAsync(context.Request.Body).ConfigureAwait(false);
        var chat = body.RootElement.GetProperty("chat_id");
        var chatId = chat.ValueKind == JsonValueKind.String ? long.Parse(chat.GetString()!, CultureInfo.InvariantCulture) : chat.GetInt64();
        var text = body.RootElement.GetProperty("text").GetString() ?? "";

        if (_failingChats.TryGetValue(chatId, out var failure))
        {
            await AnswerErrorAsync(context, failure.Status, failure.Description, retryAfter: null).ConfigureAwait(false);
            return;
        }

        int? retryAfter = null;
        var now = Stopwatch.GetTimestamp();
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

        if (retryAfter is { } seconds)
        {
            _throttled.Enqueue(chatId);
            await AnswerErrorAsync(context, 429, $"Too Many Requests: retry after {seconds}", seconds).ConfigureAwait(false);
            return;
        }

        var id = Interlocked.Increment(ref _messageId);
        _delivered.Enqueue(new DeliveredMessage(chatId, text, DateTimeOffset.UtcNow));
        await context.Response.WriteAsJsonAsync(new
        {
            ok = true,
            result = new
            {
                message_id = id,
                date = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
                chat = new { id = chatId, type = "private" },
                text,
            },
        }).ConfigureAwait(false);
    }

    private static Task AnswerErrorAsync(HttpContext context, int status, string description, int? retryAfter)
    {
        context.Response.StatusCode = status;
        return retryAfter is { } seconds
            ? context.Response.WriteAsJsonAsync(new { ok = false, error_code = status, description, parameters = new { retry_after = seconds } })
            : context.Response.WriteAsJsonAsync(new { ok = false, error_code = status, description });
    }
}
