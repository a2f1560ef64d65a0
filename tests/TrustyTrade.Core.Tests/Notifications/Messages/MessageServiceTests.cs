using Microsoft.Extensions.Logging.Abstractions;
using TrustyTrade.Core.Access;
using TrustyTrade.Core.Notifications;
using TrustyTrade.Core.Notifications.Messages;
using TrustyTrade.Core.Tests.Users;
using TrustyTrade.Core.Users;

namespace TrustyTrade.Core.Tests.Notifications.Messages;

public sealed class MessageServiceTests
{
    private const long AdminId = 1;
    private const long UserId = 2;

    private static readonly ApiCaller Admin = ApiCaller.Admin(AdminId, null);

    private readonly FakeUserStore _users = new();
    private readonly RecordingPublisher _published = new();
    private readonly InMemorySentMessageStore _history = new();

    public MessageServiceTests()
    {
        _users.Add(AdminId, role: UserRole.Admin);
        _users.Add(UserId, language: "en");
    }

    [Fact]
    public async Task Send_ToAUser_QueuesAnAdminMessageInTheirChatAndLanguageUnderTheRecordsId()
    {
        var result = await Service().SendAsync(ApiCaller.Key(9, new HashSet<string>(), null), UserId, "Hello", CancellationToken.None);

        Assert.Equal(
            [($"api-message-{result.Message!.Id}", 1002L, "en", NotificationKind.AdminMessage, "Hello")],
            _published.Notifications.Select(n => (n.Id, n.ChatId, n.Language, n.Kind, n.Text)));
    }

    [Fact]
    public async Task Send_ByAUser_IsRefusedAndQueuesNothing()
    {
        var result = await Service().SendAsync(ApiCaller.User(UserId, null), AdminId, "Hello", CancellationToken.None);

        Assert.Equal((MessageRefusal.NotAllowed, 0, 0), (result.Refusal, _published.Notifications.Count, _history.Messages.Count));
    }

    [Fact]
    public async Task Send_ToABannedUser_IsRefused()
    {
        _users.Add(3, banned: true);

        var result = await Service().SendAsync(Admin, 3, "Hello", CancellationToken.None);

        Assert.Equal(MessageRefusal.UserBanned, result.Refusal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public async Task Send_BlankText_IsRefused(string text)
    {
        var result = await Service().SendAsync(Admin, UserId, text, CancellationToken.None);

        Assert.Equal(MessageRefusal.BadText, result.Refusal);
    }

    [Fact]
    public async Task Send_WhenQueueingFails_RecordsNothing()
    {
        var failing = new MessageService(_users, new FailingPublisher(), Broadcasts(), _history);

        await Assert.ThrowsAsync<InvalidOperationException>(() => failing.SendAsync(Admin, UserId, "Hello", CancellationToken.None));

        Assert.Empty(_history.Messages);
    }

    [Fact]
    public async Task Broadcast_RecordsHowManyWereQueued()
    {
        var result = await Service().BroadcastAsync(Admin, "news-1", "New games", null, CancellationToken.None);

        Assert.Equal((SentMessageKind.Broadcast, 2, "news-1"), (result.Message!.Kind, result.Message.Queued, result.Message.BroadcastId));
    }

    [Fact]
    public async Task Broadcast_ByAKey_IsRefused()
    {
        var result = await Service().BroadcastAsync(ApiCaller.Key(9, new HashSet<string>(), null), "news-1", "New games", null, CancellationToken.None);

        Assert.Equal((MessageRefusal.NotAllowed, 0), (result.Refusal, _published.Notifications.Count));
    }

    private MessageService Service() => new(_users, _published, Broadcasts(), _history);

    private BroadcastService Broadcasts() => new(_users, _published, NullLogger<BroadcastService>.Instance);
}
