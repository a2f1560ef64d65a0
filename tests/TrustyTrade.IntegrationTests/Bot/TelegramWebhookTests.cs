using System.Text;
using Azure.Storage.Queues;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using TrustyTrade.Core;
using TrustyTrade.Core.Bot;
using TrustyTrade.Core.Vault;
using TrustyTrade.Infrastructure;
using TrustyTrade.Infrastructure.Bot;
using TrustyTrade.IntegrationTests.Infrastructure;
using TrustyTrade.TestSupport;

namespace TrustyTrade.IntegrationTests.Bot;

/// <summary>The webhook function invoked directly, over the real Redis, PostgreSQL and Azurite queue.</summary>
[Collection(DatabaseCollectionDefinition.Name)]
public sealed class TelegramWebhookTests(DatabaseFixture database) : IAsyncLifetime
{
    private const string Secret = "webhook-test-secret-0123456789-abcdef";
    private static long _nextUpdateId = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 10;

    private readonly QueueClient _updates = QueueHostEmulator.CreateClient(TestConfiguration.Build()["AzureWebJobsStorage"]!, TelegramQueues.Updates);

    private ServiceProvider _services = null!;

    public async Task InitializeAsync()
    {
        await database.ResetAsync();
        await _updates.DeleteIfExistsAsync();
        _services = Services();
    }

    public async Task DisposeAsync() => await _services.DisposeAsync();

    [Fact]
    public async Task NewUpdate_IsQueuedAsSentAndAnswered200()
    {
        var update = Message(NextUpdateId(), "/start");

        var status = await PostAsync(update);

        Assert.Equal(StatusCodes.Status200OK, status);
        Assert.Equal([update], await QueuedAsync());
    }

    [Fact]
    public async Task QueuedUpdate_IsSealedNotInTheClear()
    {
        await PostAsync(Message(NextUpdateId(), "login: seller@example.com password: hunter2"));

        var raw = (await _updates.PeekMessagesAsync()).Value.Single().Body.ToString();

        Assert.DoesNotContain("hunter2", raw, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ManyUpdatesAtOnce_AreEachQueuedOnceInFewerMessages()
    {
        var updates = Enumerable.Range(0, 40).Select(_ => Message(NextUpdateId(), "/start")).ToArray();

        var statuses = await Task.WhenAll(updates.Select(u => PostAsync(u)));

        Assert.All(statuses, s => Assert.Equal(200, s));
        Assert.Equal(updates.Order(), (await QueuedAsync()).Order());
        Assert.True((await _updates.GetPropertiesAsync()).Value.ApproximateMessagesCount < updates.Length);
    }

    [Fact]
    public async Task SameUpdateThreeTimes_IsQueuedOnce()
    {
        var update = Message(NextUpdateId(), "/start");

        int[] statuses = [await PostAsync(update), await PostAsync(update), await PostAsync(update)];

        Assert.Equal([200, 200, 200], statuses);
        Assert.Single(await QueuedAsync());
    }

    [Fact]
    public async Task SameUpdateAfterRedisForgotIt_IsStillDroppedByPostgres()
    {
        var updateId = NextUpdateId();
        await PostAsync(Message(updateId, "/start"));
        var redis = await _services.GetRequiredService<TrustyTrade.Infrastructure.Caching.RedisConnection>().GetDatabaseAsync();
        await redis.KeyDeleteAsync($"tt:tg-update:{updateId}");

        await PostAsync(Message(updateId, "/start"));

        Assert.Single(await QueuedAsync());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("wrong-secret-wrong-secret-wrong-secret")]
    [InlineData(Secret + "x")]
    public async Task WrongOrMissingSecret_Is401AndQueuesNothing(string? secret)
    {
        var status = await PostAsync(Message(NextUpdateId(), "/start"), secret);

        Assert.Equal(StatusCodes.Status401Unauthorized, status);
        Assert.Empty(await QueuedAsync());
    }

    [Theory]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("{\"update_id\": 5")]
    [InlineData("[1, 2]")]
    [InlineData("{\"message\": {\"text\": \"hi\"}}")]
    [InlineData("{\"update_id\": -3, \"message\": {\"text\": \"hi\"}}")]
    [InlineData("{\"update_id\": \"7\", \"message\": {\"text\": \"hi\"}}")]
    [InlineData("{\"update_id\": 7}")]
    [InlineData("{\"update_id\": 7, \"message\": \"hi\"}")]
    [InlineData("{\"update_id\": 7, \"message\": {}, \"callback_query\": {}}")]
    public async Task BodyThatIsNotAnUpdate_Is400AndQueuesNothing(string body)
    {
        var status = await PostAsync(body);

        Assert.Equal(StatusCodes.Status400BadRequest, status);
        Assert.Empty(await QueuedAsync());
    }

    [Fact]
    public async Task LargestUpdateTaken_FitsTheQueueOnceSealed()
    {
        var updateId = NextUpdateId();
        var padding = TestConfiguration.Build().GetValue<int>("Telegram:MaxUpdateBytes") - Encoding.UTF8.GetByteCount(Message(updateId, ""));
        var update = Message(updateId, new string('a', padding));

        var status = await PostAsync(update);

        Assert.Equal(200, status);
        Assert.Equal([update], await QueuedAsync());
    }

    [Fact]
    public async Task UpdateTooBigForTheQueue_Is400()
    {
        var status = await PostAsync(Message(NextUpdateId(), new string('я', 30_000)));

        Assert.Equal(StatusCodes.Status400BadRequest, status);
    }

    [Fact]
    public async Task QueueUnreachable_FailsTheRequestAndForgetsTheUpdateSoTelegramsRetryGetsThrough()
    {
        var update = Message(NextUpdateId(), "/start");
        await using (var broken = Services(new() { ["AzureWebJobsStorage"] = $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={Convert.ToBase64String(new byte[64])};QueueEndpoint=http://127.0.0.1:{ClosedPort.Next()}/devstoreaccount1" }))
        {
            await Assert.ThrowsAnyAsync<Exception>(() => PostAsync(update, services: broken));
        }

        var retried = await PostAsync(update);

        Assert.Equal(StatusCodes.Status200OK, retried);
        Assert.Equal([update], await QueuedAsync());
    }

    private static long NextUpdateId() => Interlocked.Increment(ref _nextUpdateId);

    private static string Message(long updateId, string text) =>
        $$$"""{"update_id":{{{updateId}}},"message":{"message_id":1,"date":1764400000,"chat":{"id":42,"type":"private"},"from":{"id":42,"is_bot":false,"first_name":"Иван","language_code":"ru"},"text":{{{System.Text.Json.JsonSerializer.Serialize(text)}}}}}""";

    private static ServiceProvider Services(Dictionary<string, string?>? overrides = null)
    {
        var settings = new Dictionary<string, string?> { ["Telegram:WebhookSecret"] = Secret };
        foreach (var (key, value) in overrides ?? [])
        {
            settings[key] = value;
        }

        var configuration = TestConfiguration.Build(settings);
        return new ServiceCollection()
            .AddLogging()
            .AddTrustyTradeCore(configuration)
            .AddTrustyTradeInfrastructure(configuration)
            .BuildServiceProvider();
    }

    private Task<int> PostAsync(string body, string? secret = Secret, ServiceProvider? services = null) =>
        BotConversationHarness.PostToWebhookAsync(services ?? _services, body, secret);

    /// <summary>The updates on the queue, opened: the webhook queues them sealed by the vault.</summary>
    private async Task<string[]> QueuedAsync()
    {
        if (!(await _updates.ExistsAsync()).Value)
        {
            return [];
        }

        var vault = _services.GetRequiredService<ICredentialVault>();
        var peeked = await _updates.PeekMessagesAsync(32);
        return [.. peeked.Value.SelectMany(m => UpdateBatch.Split(m.Body.ToString()))
            .Select(sealedUpdate => SealedUpdate.TryOpen(vault, sealedUpdate) ?? "(not sealed by this vault)")];
    }
}
