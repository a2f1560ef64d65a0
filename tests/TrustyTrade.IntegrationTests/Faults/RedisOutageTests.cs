using TrustyTrade.IntegrationTests.Bot;
using TrustyTrade.IntegrationTests.Infrastructure;

namespace TrustyTrade.IntegrationTests.Faults;

/// <summary>
/// Redis stopped while the bot runs: Redis holds only what may be lost, so the webhook still drops redeliveries (the
/// database's unique update id is the backstop) and people still get answers, without what Redis kept (wizard steps).
/// </summary>
[Collection(DatabaseCollectionDefinition.Name)]
public sealed class RedisOutageTests(DatabaseFixture database) : IAsyncLifetime
{
    private PrivateRedis _redis = null!;
    private BotConversationHarness _bot = null!;

    public async Task InitializeAsync()
    {
        await database.ResetAsync();
        _redis = await PrivateRedis.StartAsync();
        _bot = await BotConversationHarness.StartAsync(database, shared: new Dictionary<string, string?> { ["Redis:Configuration"] = _redis.Configuration });
    }

    public async Task DisposeAsync()
    {
        await _bot.DisposeAsync();
        await _redis.DisposeAsync();
    }

    [Fact]
    public async Task RedeliveredUpdate_WhileRedisIsDown_IsDroppedByTheDatabase()
    {
        var user = _bot.NewUser("ru");
        var update = user.TextUpdate("/start");
        await _bot.SendAsync(update);
        var answers = user.Messages().Count;
        await _redis.StopAsync();

        Assert.Equal(200, await _bot.SendAsync(update));
        Assert.Equal(answers, user.Messages().Count);
    }

    [Fact]
    public async Task NewUpdate_WhileRedisIsDown_IsAnswered()
    {
        await _redis.StopAsync();
        var user = _bot.NewUser("en");

        Assert.Equal(200, await _bot.SendAsync(user.TextUpdate("/start")));
        Assert.NotEmpty(user.Messages());
    }

    [Fact]
    public async Task Updates_AfterRedisIsBack_WorkAsBefore()
    {
        var user = _bot.NewUser("ru");
        await _redis.StopAsync();
        await _bot.SendAsync(user.TextUpdate("/start"));
        await _redis.RestartAsync();

        await user.SayAsync("/start");
        await user.PressAsync(user.T("BtnSell"));

        Assert.Contains(TelegramUser.Buttons(user.Messages()[^1]), b => b.Text == "Brawl Stars");
    }
}
