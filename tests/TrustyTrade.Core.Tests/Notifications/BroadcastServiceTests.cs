using Microsoft.Extensions.Logging.Abstractions;
using TrustyTrade.Core.Notifications;
using TrustyTrade.Core.Tests.Users;
using TrustyTrade.Core.Users;

namespace TrustyTrade.Core.Tests.Notifications;

public sealed class BroadcastServiceTests
{
    private const long AdminId = 1;

    private readonly FakeUserStore _users = new();
    private readonly RecordingPublisher _published = new();

    public BroadcastServiceTests() => _users.Add(AdminId, role: UserRole.Admin);

    [Fact]
    public async Task Broadcast_ToEveryone_QueuesOneMessagePerUserNotBannedInTheirLanguage()
    {
        _users.Add(2, language: "en");
        _users.Add(3, banned: true);
        _users.Add(4);

        var result = await Service().BroadcastAsync(new("maintenance-1", AdminId, "Работы в 03:00"), CancellationToken.None);

        Assert.Equal(new BroadcastResult(3, null), result);
        Assert.Equal(
            [("broadcast-maintenance-1-1", 1001L, "ru"), ("broadcast-maintenance-1-2", 1002L, "en"), ("broadcast-maintenance-1-4", 1004L, "ru")],
            _published.Notifications.Select(n => (n.Id, n.ChatId, n.Language)));
        Assert.All(_published.Notifications, n => Assert.Equal((NotificationKind.AdminBroadcast, "Работы в 03:00"), (n.Kind, n.Text)));
    }

    [Fact]
    public async Task Broadcast_ToOneLanguage_ReachesOnlyItsReaders()
    {
        _users.Add(2, language: "en");
        _users.Add(3);

        await Service().BroadcastAsync(new("news-en", AdminId, "New games", "en"), CancellationToken.None);

        Assert.Equal([1002L], _published.Notifications.Select(n => n.ChatId));
    }

    [Fact]
    public async Task Broadcast_MoreUsersThanAPage_QueuesEveryPageOnce()
    {
        for (var id = 2; id <= BroadcastService.PageSize * 2 + 1; id++)
        {
            _users.Add(id);
        }

        var result = await Service().BroadcastAsync(new("big", AdminId, "hello"), CancellationToken.None);

        Assert.Equal(BroadcastService.PageSize * 2 + 1, result.Queued);
        Assert.Equal(3, _published.Batches);
        Assert.Equal(result.Queued, _published.Notifications.Select(n => n.Id).Distinct().Count());
    }

    [Fact]
    public async Task Broadcast_SentAgain_QueuesTheSameIdsForTheSenderToSendOnce()
    {
        _users.Add(2);
        var broadcast = new Broadcast("retry-me", AdminId, "hello");

        await Service().BroadcastAsync(broadcast, CancellationToken.None);
        await Service().BroadcastAsync(broadcast, CancellationToken.None);

        Assert.Equal(2, _published.Notifications.Select(n => n.Id).Distinct().Count());
    }

    public static TheoryData<long, string, string, string?, string> Refused => new()
    {
        { 2, "id", "hello", null, "only an admin may broadcast" },
        { 3, "id", "hello", null, "only an admin may broadcast" },
        { AdminId, "", "hello", null, "the broadcast id must be" },
        { AdminId, "has space", "hello", null, "the broadcast id must be" },
        { AdminId, new string('x', BroadcastService.MaxIdLength + 1), "hello", null, "the broadcast id must be" },
        { AdminId, "id", " ", null, "the text must be" },
        { AdminId, "id", new string('x', Notification.MaxBroadcastLength + 1), null, "the text must be" },
        { AdminId, "id", "hello", "de", "the bot does not speak 'de'" },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task Broadcast_Invalid_IsRefusedAndQueuesNothing(long adminId, string id, string text, string? language, string refusal)
    {
        _users.Add(2);
        _users.Add(3, role: UserRole.Admin, banned: true);

        var result = await Service().BroadcastAsync(new(id, adminId, text, language), CancellationToken.None);

        Assert.StartsWith(refusal, result.Refusal, StringComparison.Ordinal);
        Assert.Equal(0, result.Queued);
        Assert.Empty(_published.Notifications);
    }

    private BroadcastService Service() => new(_users, _published, NullLogger<BroadcastService>.Instance);
}
