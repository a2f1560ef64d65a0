using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using TrustyTrade.Core.Notifications;
using TrustyTrade.Core.Telemetry;
using TrustyTrade.Functions.Telemetry;
using TrustyTrade.Infrastructure.Telemetry;
using TrustyTrade.IntegrationTests.Bot;
using TrustyTrade.IntegrationTests.Infrastructure;

namespace TrustyTrade.IntegrationTests.Telemetry;

/// <summary>
/// One whole deal through the bot (webhook → queue → update function → Durable workflow → notifications sent), with
/// every log line captured at every level, our spans recorded, and <c>/api/metrics</c> scraped while the money is
/// held and at the end. Run once; the tests read what it left.
/// </summary>
internal sealed class ScriptedDeal
{
    public const string Credentials = "login: hero@example.com / pass: s3cret-42";

    private static readonly Lock Gate = new();
    private static Task<ScriptedDeal>? _once;

    public CapturedLogs Logs { get; } = new();

    public ConcurrentQueue<Activity> Spans { get; } = new();

    public long DealId { get; private set; }

    public string FinalStatus { get; private set; } = "";

    /// <summary>The deal's integration events in the outbox (none published: no Service Bus here).</summary>
    public long OutboxEvents { get; private set; }

    public string BotToken { get; private set; } = "";

    public string WebhookTraceId { get; private set; } = "";

    public string BuyTraceId { get; private set; } = "";

    public string WhileHeld { get; private set; } = "";

    public string AtTheEnd { get; private set; } = "";

    public IReadOnlyDictionary<NotificationKind, int> Sent { get; private set; } = new Dictionary<NotificationKind, int>();

    public static Task<ScriptedDeal> RunOnceAsync(DatabaseFixture database)
    {
        lock (Gate)
        {
            return _once ??= RunAsync(database);
        }
    }

    /// <summary>The metrics endpoint as a scraper calls it: the function, with the configured key.</summary>
    public static async Task<IActionResult> ScrapeAsync(IServiceProvider services, string? authorization)
    {
        var context = new DefaultHttpContext { RequestServices = services };
        if (authorization is not null)
        {
            context.Request.Headers.Authorization = authorization;
        }

        return await ActivatorUtilities.CreateInstance<MetricsFunction>(services).GetMetrics(context.Request, CancellationToken.None);
    }

    private static async Task<ScriptedDeal> RunAsync(DatabaseFixture database)
    {
        await database.ResetAsync();
        var run = new ScriptedDeal();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is TrustyTradeTracing.SourceName or TelemetryServiceCollectionExtensions.DurableTaskSource,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = run.Spans.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);

        // Redis keys of this run only: the deal ids restart with the database, and with them the notification ids.
        var shared = new Dictionary<string, string?>
        {
            ["Metrics:RedisKeyPrefix"] = $"tt:metrics-test:{Guid.NewGuid():N}:",
            ["Notifications:RedisKeyPrefix"] = $"tt:notifications-test:{Guid.NewGuid():N}:",
        };
        await using var bot = await BotConversationHarness.StartAsync(database, logs: run.Logs, shared: shared);
        run.BotToken = bot.Fake.Token;
        // Two instances of the app (the bot's and the workflow's), each adding its counts to the same Redis hash.
        var botMirror = bot.Get<RedisMetricMirror>();
        var workflowMirror = bot.Workflow.Get<RedisMetricMirror>();

        var seller = bot.NewUser("ru");
        var buyer = bot.NewUser("en");
        var listingId = await bot.PublishAsync(seller, Credentials, "150");
        await bot.ApproveAsync(listingId);
        await buyer.SayAsync($"/start l{listingId}");
        // The buy's invocation span: the deal's workflow starts under it.
        using (var buy = new Activity("ProcessTelegramUpdate").SetIdFormat(ActivityIdFormat.W3C).Start())
        {
            run.BuyTraceId = buy.TraceId.ToString();
            await buyer.PressAsync(buyer.T("BtnBuy", "150 ⭐"));
        }

        run.DealId = await bot.Data.ScalarAsync<long>("SELECT id FROM deals WHERE account_id = @listingId", new { listingId });
        var payload = $"deal:{run.DealId}";
        await buyer.PreCheckoutAsync(149, payload, "pcq-wrong-amount");
        await buyer.PreCheckoutAsync(150, payload, "pcq-1");

        // The payment: Telegram takes the Stars, then calls the webhook; the Functions worker runs each invocation in
        // a span of its own, the webhook's and then the queue trigger's.
        bot.Fake.AddStarPayment(buyer.Id, $"charge-{run.DealId}", 150);
        using (var webhook = new Activity("TelegramWebhook").SetIdFormat(ActivityIdFormat.W3C).Start())
        {
            run.WebhookTraceId = webhook.TraceId.ToString();
            await bot.PostAsync(buyer.PaymentUpdate(150, payload, $"charge-{run.DealId}"));
        }

        using (new Activity("ProcessTelegramUpdate").SetIdFormat(ActivityIdFormat.W3C).Start())
        {
            await bot.RunQueueAsync();
        }

        await workflowMirror.FlushAsync(CancellationToken.None);
        run.WhileHeld = TextOf(await ScrapeAsync(bot.Services, $"Bearer {MetricsKey(bot)}"));

        await buyer.OpenDealAsync(run.DealId);
        await buyer.PressAsync(buyer.T("BtnShowCredentials"));
        await buyer.PressAsync(buyer.T("BtnConfirm"));
        await bot.Workflow.CompletionAsync(run.DealId);
        run.Sent = await SendNotificationsAsync(bot);
        await workflowMirror.FlushAsync(CancellationToken.None);
        await botMirror.FlushAsync(CancellationToken.None);
        run.FinalStatus = await bot.Data.ScalarAsync<string>("SELECT escrow_status FROM deals WHERE id = @id", new { id = run.DealId });
        run.OutboxEvents = await bot.Data.ScalarAsync<long>("SELECT count(*) FROM integration_events WHERE deal_id = @id", new { id = run.DealId });
        run.AtTheEnd = TextOf(await ScrapeAsync(bot.Services, $"Bearer {MetricsKey(bot)}"));
        return run;
    }

    private static string MetricsKey(BotConversationHarness bot) =>
        bot.Get<Microsoft.Extensions.Options.IOptions<MetricsOptions>>().Value.ScrapeKey;

    private static string TextOf(IActionResult result) => Assert.IsType<ContentResult>(result).Content ?? "";

    /// <summary>What the workflow queued for the parties, through the app's dispatcher to the fake Bot API.</summary>
    private static async Task<IReadOnlyDictionary<NotificationKind, int>> SendNotificationsAsync(BotConversationHarness bot)
    {
        var dispatcher = bot.Workflow.Get<NotificationDispatcher>();
        var sent = new Dictionary<NotificationKind, int>();
        foreach (var notification in await bot.Workflow.NotificationsAsync())
        {
            if (await dispatcher.DispatchAsync(notification, CancellationToken.None) == DispatchOutcome.Sent)
            {
                sent[notification.Kind] = sent.GetValueOrDefault(notification.Kind) + 1;
            }
        }

        return sent;
    }
}
