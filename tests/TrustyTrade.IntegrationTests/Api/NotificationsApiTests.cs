using TrustyTrade.Core.Access;
using TrustyTrade.Core.Notifications;
using TrustyTrade.IntegrationTests.Infrastructure;

namespace TrustyTrade.IntegrationTests.Api;

/// <summary>
/// Messages through the API, over the real PostgreSQL and Azurite: each is queued for the bot's sender (on this
/// host's own queue), recorded in the history, and audited.
/// </summary>
[Collection(DatabaseCollectionDefinition.Name)]
public sealed class NotificationsApiTests(DatabaseFixture database) : ApiHostTest(database)
{
    [Fact]
    public async Task PostNotification_QueuesExactlyOneMessageForTheUser()
    {
        var user = await Host.UserAsync();

        var response = await Host.PostAsync(
            "/api/notifications", new { userId = user.UserId, text = "Your payout is on its way" }, await Host.KeyAsync(ApiScopes.NotificationsWrite));

        var queued = await Host.QueuedNotificationsAsync();
        var telegramId = (await Host.GetAsync($"/api/users/{user.UserId}", await Host.AdminAsync())).Json.GetProperty("telegramId").GetInt64();
        Assert.Equal((202, 1, (NotificationKind.AdminMessage, telegramId, "Your payout is on its way")),
            (response.Status, queued.Count, (queued[0].Kind, queued[0].ChatId, queued[0].Text)));
    }

    [Fact]
    public async Task PostNotification_AppearsInTheHistoryWithItsSender()
    {
        var user = await Host.UserAsync();
        var admin = await Host.AdminAsync();
        await Host.PostAsync("/api/notifications", new { userId = user.UserId, text = "Hello" }, admin);

        var item = (await Host.GetAsync("/api/notifications", await Host.KeyAsync(ApiScopes.NotificationsRead))).Json.GetProperty("items")[0];

        Assert.Equal(("direct", "admin", admin.UserId, user.UserId, 1), (item.GetProperty("kind").GetString(), item.GetProperty("senderKind").GetString(),
            item.GetProperty("senderId").GetInt64(), item.GetProperty("userId").GetInt64(), item.GetProperty("queued").GetInt32()));
    }

    [Fact]
    public async Task PostNotification_IsAudited()
    {
        var admin = await Host.AdminAsync();
        var sent = await Host.PostAsync("/api/notifications", new { userId = (await Host.UserAsync()).UserId, text = "Hello" }, admin);

        var record = (await Host.GetAsync("/api/audit?targetType=notification", admin)).Json.GetProperty("items")[0];

        Assert.Equal(("notification.send", sent.Json.GetProperty("id").GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture), "Hello"),
            (record.GetProperty("action").GetString(), record.GetProperty("targetId").GetString(), record.GetProperty("after").GetProperty("text").GetString()));
    }

    [Fact]
    public async Task PostNotification_ToAnUnknownUser_IsNotFoundAndQueuesNothing()
    {
        var response = await Host.PostAsync("/api/notifications", new { userId = 987_654_321L, text = "Hello" }, await Host.AdminAsync());

        Assert.Equal((404, 0), (response.Status, (await Host.QueuedNotificationsAsync()).Count));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(Notification.MaxMessageLength + 1)]
    public async Task PostNotification_TextEmptyOrTooLong_IsABadRequest(int length)
    {
        var user = await Host.UserAsync();

        var response = await Host.PostAsync("/api/notifications", new { userId = user.UserId, text = new string('a', length) }, await Host.AdminAsync());

        Assert.Equal((400, "invalid-text"), (response.Status, response.ProblemType));
    }

    [Fact]
    public async Task PostBroadcast_QueuesOneMessagePerUserAndRecordsHowMany()
    {
        var admin = await Host.AdminAsync();
        await Host.UserAsync();
        await Host.UserAsync();

        var response = await Host.PostAsync("/api/notifications/broadcast", new { id = "maintenance-1", text = "Maintenance at 03:00" }, admin);

        // The two users and the admin.
        Assert.Equal((202, 3, 3), (response.Status, response.Json.GetProperty("queued").GetInt32(), (await Host.QueuedNotificationsAsync()).Count));
    }

    [Fact]
    public async Task PostBroadcast_InAnUnknownLanguage_IsABadRequest()
    {
        var response = await Host.PostAsync(
            "/api/notifications/broadcast", new { id = "b-1", text = "Hi", language = "de" }, await Host.AdminAsync());

        Assert.Equal((400, "invalid-broadcast"), (response.Status, response.ProblemType));
    }

    [Fact]
    public async Task ListNotifications_PageByPage_NewestFirstEveryMessageOnce()
    {
        var admin = await Host.AdminAsync();
        var user = await Host.UserAsync();
        var sent = new List<long>();
        for (var i = 0; i < 5; i++)
        {
            sent.Add((await Host.PostAsync("/api/notifications", new { userId = user.UserId, text = $"message {i}" }, admin)).Json.GetProperty("id").GetInt64());
        }

        var seen = await PageThroughAsync("/api/notifications?limit=2", admin);

        Assert.Equal(Enumerable.Reverse(sent), seen);
    }
}
