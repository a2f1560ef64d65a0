using Azure.Storage.Queues;
using Dapper;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using TrustyTrade.Core;
using TrustyTrade.Core.Deals;
using TrustyTrade.Core.Deals.Workflow;
using TrustyTrade.Core.Idempotency;
using TrustyTrade.Core.Monetary;
using TrustyTrade.Core.Notifications;
using TrustyTrade.Core.Payments.Stars;
using TrustyTrade.Functions.Deals;
using TrustyTrade.Infrastructure;
using TrustyTrade.Infrastructure.Notifications;
using TrustyTrade.Infrastructure.Storage;
using TrustyTrade.IntegrationTests.Infrastructure;
using TrustyTrade.TestSupport;

namespace TrustyTrade.IntegrationTests.Orchestration;

/// <summary>
/// Core and Infrastructure over the test database on the real clock, and the app's own <see cref="DealOrchestrator"/>
/// and <see cref="DealActivities"/> in the Durable Task SDK's in-process test host (its timers fire in real time).
/// <see cref="Deals"/> is Core's DealService telling the workflow through the app's <see cref="DurableDealWorkflow"/>.
/// The Bot API (the workflow's Stars refunds) is a <see cref="FakeTelegramBotApi"/>: the caller's, or one of its own.
/// </summary>
internal sealed class DealWorkflowHarness : IAsyncDisposable
{
    public static readonly Money Price = new(100m, Currency.XTR);

    /// <summary>Windows no test waits out; a test shortens the one it is about.</summary>
    private static readonly Dictionary<string, string?> LongWindows = new()
    {
        ["Escrow:PaymentWindowMinutes"] = "10",
        ["Escrow:DeliveryWindowHours"] = "10",
        ["Escrow:InspectionWindowHours"] = "10",
        // No warranty hold, so a completed deal's release timer fires at once and its workflow ends.
        ["Escrow:DefaultWarrantyDays"] = "0",
    };

    private readonly ServiceProvider _services;
    private readonly DurableTaskTestHost _host;
    private readonly TestData _data;

    private readonly QueueClient _notifications;
    private readonly bool _ownsTelegram;

    private DealWorkflowHarness(
        ServiceProvider services, DurableTaskTestHost host, TestData data, QueueClient notifications, FakeTelegramBotApi telegram, bool ownsTelegram)
    {
        _services = services;
        _host = host;
        _data = data;
        _notifications = notifications;
        Telegram = telegram;
        _ownsTelegram = ownsTelegram;
        Workflow = new DurableDealWorkflow(host.Client);
        Deals = services.GetRequiredService<DealService>().WithWorkflow(Workflow);
    }

    public DurableTaskClient Client => _host.Client;

    /// <summary>The fake Bot API the workflow's activities call (Stars refunds).</summary>
    public FakeTelegramBotApi Telegram { get; }

    public DurableDealWorkflow Workflow { get; }

    public DealService Deals { get; }

    /// <summary>DealService as an adapter that lost its signals would leave things: no workflow told.</summary>
    public DealService DealsWithoutSignals => _services.GetRequiredService<DealService>();

    public T Get<T>()
        where T : notnull => _services.GetRequiredService<T>();

    public static async Task<DealWorkflowHarness> StartAsync(
        DatabaseFixture database,
        IReadOnlyDictionary<string, string?>? overrides = null,
        FakeTelegramBotApi? telegram = null,
        CapturedLogs? logs = null)
    {
        ArgumentNullException.ThrowIfNull(database);
        var ownsTelegram = telegram is null;
        telegram ??= await FakeTelegramBotApi.StartAsync();
        var settings = new Dictionary<string, string?>(LongWindows)
        {
            ["Telegram:ApiBaseUrl"] = telegram.BaseUrl,
            ["Telegram:BotToken"] = telegram.Token,
        };
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        // The parties' notifications go to a real queue of this harness's own, read back by NotificationsAsync.
        var configuration = TestConfiguration.Build(settings);
        var storage = configuration["AzureWebJobsStorage"] ?? throw new InvalidOperationException("AzureWebJobsStorage is not set");
        var notifications = StorageQueues.Queue(storage, $"deal-notices-{Guid.NewGuid():N}");
        var services = new ServiceCollection()
            .AddLogging(builder => CaptureInto(builder, logs))
            .AddTrustyTradeCore(configuration)
            .AddTrustyTradeInfrastructure(configuration)
            .AddSingleton<INotificationPublisher>(new StorageQueueNotificationPublisher(notifications))
            .BuildServiceProvider();
        var activities = new DealActivities(services.GetRequiredService<DealWorkflowSteps>());
        var refund = new StarsRefundActivity(services.GetRequiredService<StarsRefunds>());
        var host = await StartHostAsync(activities, refund);
        return new DealWorkflowHarness(services, host, new TestData(database.DataSource), notifications, telegram, ownsTelegram);
    }

    /// <summary>Sends every line, whatever its level, to <paramref name="logs"/> when there is one.</summary>
    public static void CaptureInto(ILoggingBuilder builder, CapturedLogs? logs)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (logs is not null)
        {
            builder.AddProvider(logs).SetMinimumLevel(LogLevel.Trace);
        }
    }

    /// <summary>
    /// The in-process Durable host on a port the kernel just handed out. Left to itself the test host picks a port
    /// that may already be taken by another test's listener; a port can still be grabbed between asking and
    /// binding, so a bind failure is retried on a fresh one.
    /// </summary>
    private static async Task<DurableTaskTestHost> StartHostAsync(DealActivities activities, StarsRefundActivity refund)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await DurableTaskTestHost.StartAsync(
                    registry => registry
                        .AddOrchestratorFunc<DealWorkflowInput, DealWorkflowResult>(DealOrchestrator.Name, (context, input) => DealOrchestrator.RunAsync(context, input))
                        .AddActivityFunc<long, DealStep?>(DealActivities.LoadDealName, (_, dealId) => activities.LoadDeal(dealId))
                        .AddActivityFunc<DeadlinePassed, DeadlineOutcome>(DealActivities.PassDeadlineName, (_, deadline) => activities.PassDeadline(deadline))
                        .AddActivityFunc<PartiesToTell, int>(DealActivities.NotifyPartiesName, (_, parties) => activities.NotifyParties(parties))
                        .AddActivityFunc<DeadlineNear, int>(DealActivities.RemindDeadlineName, (_, deadline) => activities.RemindDeadline(deadline))
                        .AddActivityFunc<long, StarsRefundOutcome>(StarsRefundActivity.Name, (_, dealId) => refund.RefundStarsPayment(dealId)),
                    new DurableTaskTestHostOptions { Port = FreePort() });
            }
            catch (IOException) when (attempt < 5)
            {
                // Address already in use: another listener took the port first.
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>A seller's listing bought by a new buyer through Core (which starts the deal's workflow).</summary>
    public async Task<(Deal Deal, long SellerId, long BuyerId)> BuyAsync(DealService? through = null)
    {
        var seller = await _data.UserAsync();
        var buyer = await _data.UserAsync();
        var listing = await _data.ListingAsync(seller, Price);
        var deal = await TestData.BuyAsync(through ?? Deals, listing, buyer);
        return (deal, seller, buyer);
    }

    public Task<long> AdminAsync() => _data.UserAsync("admin");

    /// <summary>A command through Core under a fresh key; throws when refused.</summary>
    public Task<Deal> ActAsync(long dealId, Actor actor, DealCommand command) =>
        ActAsync(new IdempotencyKey($"test:{Guid.NewGuid():N}"), dealId, actor, command);

    public async Task<Deal> ActAsync(IdempotencyKey key, long dealId, Actor actor, DealCommand command, DealService? through = null)
    {
        var result = await (through ?? Deals).ExecuteAsync(new(key, new ActOnDeal(dealId, actor, command)), CancellationToken.None);
        return result.Deal ?? throw new InvalidOperationException($"{command.Name} refused: {result.Refusal}");
    }

    /// <summary>The deal paid in Stars as the bot confirms it (Telegram, here the fake, took charge-{id} from the buyer first).</summary>
    public async Task<Deal> PayAsync(Deal deal)
    {
        ArgumentNullException.ThrowIfNull(deal);
        Telegram.AddStarPayment(await TelegramIdAsync(deal.BuyerId), $"charge-{deal.Id}", decimal.ToInt64(deal.Price.Amount));
        return await ActAsync(new IdempotencyKey($"stars-charge:{deal.Id}"), deal.Id, Actor.System,
            new ConfirmPayment(deal.Price, PaymentMethod.TelegramStars, $"charge-{deal.Id}"));
    }

    /// <summary>Waits for the deal's orchestration to finish (generously: timers fire in real time on a shared machine).</summary>
    public async Task<OrchestrationMetadata> CompletionAsync(long dealId, int seconds = 60)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        return await Client.WaitForInstanceCompletionAsync(DealOrchestrator.InstanceId(dealId), getInputsAndOutputs: true, timeout.Token);
    }

    /// <summary>Waits until the orchestration's custom status shows <paramref name="step"/>, and returns that status.</summary>
    public async Task<DealWorkflowStatus> StatusAsync(long dealId, string step, int seconds = 30)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        while (true)
        {
            var instance = await Client.GetInstanceAsync(DealOrchestrator.InstanceId(dealId), getInputsAndOutputs: true, timeout.Token);
            if (instance?.ReadCustomStatusAs<DealWorkflowStatus>() is { } status && status.Step == step)
            {
                return status;
            }

            await Task.Delay(100, timeout.Token);
        }
    }

    public Task<string> StatusInDatabaseAsync(long dealId) =>
        _data.ScalarAsync<string>("SELECT escrow_status FROM deals WHERE id = @dealId", new { dealId });

    /// <summary>The deal's ledger balances per account kind it touched (a zero share writes no entry), in name order.</summary>
    public async Task<(string Account, decimal Balance)[]> BalancesAsync(long dealId)
    {
        await using var connection = await Get<Npgsql.NpgsqlDataSource>().OpenConnectionAsync();
        var rows = await connection.QueryAsync<(string, decimal)>(
            """
            SELECT e.account_kind, sum(e.amount) FROM ledger_entries e JOIN ledger_postings p ON p.id = e.posting_id
            WHERE p.deal_id = @dealId GROUP BY e.account_kind ORDER BY e.account_kind
            """,
            new { dealId });
        return [.. rows];
    }

    /// <summary>Postings (of any deal) whose entries do not sum to zero per currency: none, ever.</summary>
    public Task<long> UnbalancedPostingsAsync() => _data.ScalarAsync<long>(
        "SELECT count(*) FROM (SELECT posting_id FROM ledger_entries GROUP BY posting_id, currency HAVING sum(amount) <> 0) AS unbalanced");

    public Task<long> CountAsync(string sql, object parameters) => _data.ScalarAsync<long>(sql, parameters);

    public Task<long> TelegramIdAsync(long userId) => _data.ScalarAsync<long>("SELECT telegram_id FROM users WHERE id = @userId", new { userId });

    /// <summary>Every notification the workflow has queued so far (the queue is only peeked, so nothing is consumed).</summary>
    public async Task<IReadOnlyList<Notification>> NotificationsAsync()
    {
        if (!(await _notifications.ExistsAsync()).Value)
        {
            return [];
        }

        var peeked = await _notifications.PeekMessagesAsync(32);
        return [.. peeked.Value.Select(m => NotificationJson.Deserialize(m.Body.ToString()))];
    }

    public async ValueTask DisposeAsync()
    {
        await _host.DisposeAsync();
        await _services.DisposeAsync();
        await _notifications.DeleteIfExistsAsync();
        if (_ownsTelegram)
        {
            await Telegram.DisposeAsync();
        }
    }
}
