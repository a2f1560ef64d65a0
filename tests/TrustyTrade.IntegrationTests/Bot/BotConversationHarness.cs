using System.Text;
using Azure.Storage.Queues;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using TrustyTrade.Core;
using TrustyTrade.Core.Bot;
using TrustyTrade.Core.Listings;
using TrustyTrade.Core.Vault;
using TrustyTrade.Functions.Bot;
using TrustyTrade.Infrastructure;
using TrustyTrade.Infrastructure.Bot;
using TrustyTrade.IntegrationTests.Infrastructure;
using TrustyTrade.IntegrationTests.Orchestration;
using TrustyTrade.TestSupport;

namespace TrustyTrade.IntegrationTests.Bot;

/// <summary>
/// The bot end to end without the Functions host: Update JSON is posted to the app's webhook function, the queued
/// update is taken from the real Azurite queue and handed to the app's queue-triggered function (with the Durable
/// test host's client, so deals get their real workflow), and what the bot said is read from the fake Bot API.
/// </summary>
internal sealed class BotConversationHarness : IAsyncDisposable
{
    public const string Secret = "conversation-test-secret-0123456789-abcdef";

    private static long _nextId = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 100;

    private readonly ServiceProvider _services;
    private readonly QueueClient _updates;

    private BotConversationHarness(FakeTelegramBotApi fake, DealWorkflowHarness workflow, ServiceProvider services, QueueClient updates, TestData data)
    {
        Fake = fake;
        Data = data;
        Workflow = workflow;
        _services = services;
        _updates = updates;
    }

    public FakeTelegramBotApi Fake { get; }

    public DealWorkflowHarness Workflow { get; }

    public TestData Data { get; }

    public IServiceProvider Services => _services;

    public T Get<T>()
        where T : notnull => _services.GetRequiredService<T>();

    /// <param name="database">The shared test database.</param>
    /// <param name="settings">Settings on top of the harness's own (e.g. the chain's, for USDT payments).</param>
    /// <param name="logs">Where every log line of the app goes, at every level (the bot's and the workflow's).</param>
    /// <param name="shared">Settings of both instances of the app, the bot's and the workflow's.</param>
    public static async Task<BotConversationHarness> StartAsync(
        DatabaseFixture database,
        IReadOnlyDictionary<string, string?>? settings = null,
        CapturedLogs? logs = null,
        IReadOnlyDictionary<string, string?>? shared = null)
    {
        var fake = await FakeTelegramBotApi.StartAsync();
        fake.EnforceRateLimits = false; // the bot answers one person with two messages in a row; the sender's limits are tested elsewhere
        // The workflow's Stars refunds go to the same fake Bot API the conversations talk to.
        var workflow = await DealWorkflowHarness.StartAsync(database, shared, telegram: fake, logs: logs);
        var configuration = TestConfiguration.Build(new Dictionary<string, string?>
        {
            ["Telegram:ApiBaseUrl"] = fake.BaseUrl,
            ["Telegram:BotToken"] = fake.Token,
            ["Telegram:WebhookSecret"] = Secret,
            ["Escrow:PaymentWindowMinutes"] = "10",
            ["Escrow:DefaultWarrantyDays"] = "0",
        }.Concat(settings ?? new Dictionary<string, string?>()).Concat(shared ?? new Dictionary<string, string?>()).ToDictionary());
        var services = new ServiceCollection()
            .AddLogging(builder => DealWorkflowHarness.CaptureInto(builder, logs))
            .AddTrustyTradeCore(configuration)
            .AddTrustyTradeInfrastructure(configuration)
            .BuildServiceProvider();
        var updates = QueueHostEmulator.CreateClient(configuration["AzureWebJobsStorage"]!, TelegramQueues.Updates);
        await updates.CreateIfNotExistsAsync();
        await updates.ClearMessagesAsync();
        return new BotConversationHarness(fake, workflow, services, updates, new TestData(database.DataSource));
    }

    public static long NextId() => Interlocked.Increment(ref _nextId);

    public TelegramUser NewUser(string languageCode, string? username = null)
    {
        var id = NextId() % 1_000_000_000_000 + 1;
        return new TelegramUser(this, id, username ?? $"user{id}", languageCode);
    }

    /// <summary>Posts an update to the webhook, then runs whatever it queued through the update function; the webhook's status.</summary>
    public async Task<int> SendAsync(string updateJson, string? secret = Secret)
    {
        var status = await PostAsync(updateJson, secret);
        await RunQueueAsync();
        return status;
    }

    public Task<int> PostAsync(string body, string? secret = Secret) => PostToWebhookAsync(_services, body, secret);

    /// <summary>The app's webhook function, invoked directly as the host would with this body and secret header; its status.</summary>
    public static async Task<int> PostToWebhookAsync(IServiceProvider services, string body, string? secret)
    {
        var function = ActivatorUtilities.CreateInstance<TelegramWebhookFunction>(services);
        var context = new DefaultHttpContext { RequestServices = services };
        context.Request.Method = HttpMethods.Post;
        var bytes = Encoding.UTF8.GetBytes(body);
        context.Request.Body = new MemoryStream(bytes);
        context.Request.ContentLength = bytes.Length;
        if (secret is not null)
        {
            context.Request.Headers[TelegramWebhookFunction.SecretHeader] = secret;
        }

        var result = await function.Receive(context.Request, CancellationToken.None);
        return Assert.IsAssignableFrom<IStatusCodeActionResult>(result).StatusCode!.Value;
    }

    /// <summary>What the host's queue listener would do: each queued update through the function, deleted when it returned.</summary>
    public async Task RunQueueAsync()
    {
        var function = ActivatorUtilities.CreateInstance<ProcessTelegramUpdateFunction>(_services);
        while (true)
        {
            var messages = (await _updates.ReceiveMessagesAsync(32)).Value;
            if (messages.Length == 0)
            {
                return;
            }

            foreach (var message in messages)
            {
                await function.ProcessTelegramUpdate(message.Body.ToString(), message.DequeueCount, Workflow.Client, CancellationToken.None);
                await _updates.DeleteMessageAsync(message.MessageId, message.PopReceipt);
            }
        }
    }

    /// <summary>The update function run on an update as if the queue delivered it again (after a failure further on).</summary>
    public Task RunAgainAsync(long updateId, string updateJson) =>
        RunQueueMessageAsync(SealedUpdate.Seal(Get<ICredentialVault>(), updateId, updateJson));

    /// <summary>The update function on a queue message as it is, sealed or not.</summary>
    public Task RunQueueMessageAsync(string queueMessage) =>
        ActivatorUtilities.CreateInstance<ProcessTelegramUpdateFunction>(_services)
            .ProcessTelegramUpdate(queueMessage, 1, Workflow.Client, CancellationToken.None);

    public static async Task StartSellingAsync(TelegramUser seller, string game, string title, string description)
    {
        await seller.SayAsync("/start");
        await seller.PressAsync(seller.T("BtnSell"));
        await seller.PressAsync(game);
        await seller.SayAsync(title);
        await seller.SayAsync(description);
    }

    /// <summary>The sell wizard from /start to "Publish"; the new listing's id.</summary>
    public async Task<long> PublishAsync(TelegramUser seller, string? credentials, string price)
    {
        await StartSellingAsync(seller, "Brawl Stars", "Аккаунт 80 lvl", "Много скинов, почта меняется");
        await seller.PressAsync(seller.T("CurrencyStars"));
        await seller.SayAsync(price);
        if (credentials is null)
        {
            await seller.PressAsync(seller.T("BtnSkip"));
        }
        else
        {
            await seller.SayAsync(credentials);
            Assert.Contains(Fake.CallsTo("deleteMessage"), c => c.Parameter("message_id")!.Value.GetInt64() == seller.LastMessageId);
        }

        await seller.PressAsync(seller.T("BtnPublish"));
        var listingId = await Data.ScalarAsync<long>(
            "SELECT a.id FROM accounts a JOIN users u ON u.id = a.user_id WHERE u.telegram_id = @id ORDER BY a.id DESC LIMIT 1", new { id = seller.Id });
        Assert.Equal(seller.T("SellSubmitted", listingId), seller.LastText);
        return listingId;
    }

    public async Task ApproveAsync(long listingId)
    {
        var admin = await Data.UserAsync("admin");
        var approved = await Get<ListingService>().ApproveAsync(listingId, admin, CancellationToken.None);
        Assert.True(approved.Succeeded);
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await Workflow.DisposeAsync();
        await Fake.DisposeAsync();
    }
}
