using System.Text;
using Azure.Storage.Queues;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using TrustyTrade.Core;
using TrustyTrade.Core.Bot;
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

    private BotConversationHarness(FakeTelegramBotApi fake, DealWorkflowHarness workflow, ServiceProvider services, QueueClient updates)
    {
        Fake = fake;
        Workflow = workflow;
        _services = services;
        _updates = updates;
    }

    public FakeTelegramBotApi Fake { get; }

    public DealWorkflowHarness Workflow { get; }

    public T Get<T>()
        where T : notnull => _services.GetRequiredService<T>();

    public static async Task<BotConversationHarness> StartAsync(DatabaseFixture database)
    {
        var fake = await FakeTelegramBotApi.StartAsync();
        fake.EnforceRateLimits = false; // the bot answers one person with two messages in a row; the sender's limits are tested elsewhere
        // The workflow's Stars refunds go to the same fake Bot API the conversations talk to.
        var workflow = await DealWorkflowHarness.StartAsync(database, telegram: fake);
        var configuration = TestConfiguration.Build(new Dictionary<string, string?>
        {
            ["Telegram:ApiBaseUrl"] = fake.BaseUrl,
            ["Telegram:BotToken"] = fake.Token,
            ["Telegram:WebhookSecret"] = Secret,
            ["Escrow:PaymentWindowMinutes"] = "10",
            ["Escrow:DefaultWarrantyDays"] = "0",
        });
        var services = new ServiceCollection()
            .AddLogging()
            .AddTrustyTradeCore(configuration)
            .AddTrustyTradeInfrastructure(configuration)
            .BuildServiceProvider();
        var updates = QueueHostEmulator.CreateClient(configuration["AzureWebJobsStorage"]!, TelegramQueues.Updates);
        await updates.CreateIfNotExistsAsync();
        await updates.ClearMessagesAsync();
        return new BotConversationHarness(fake, workflow, services, updates);
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

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await Workflow.DisposeAsync();
        await Fake.DisposeAsync();
    }
}
