using TrustyTrade.Core.Notifications.Messages;

namespace TrustyTrade.Core.Tests.Notifications.Messages;

/// <summary>A fake of Core's own <see cref="ISentMessageStore"/>: a record is kept only when its enqueue call succeeds, as in the database.</summary>
internal sealed class InMemorySentMessageStore : ISentMessageStore
{
    public List<SentMessage> Messages { get; } = [];

    public async Task<SentMessage> RecordAsync(NewSentMessage message, Func<long, Task> enqueue, CancellationToken cancellationToken)
    {
        var recorded = new SentMessage(Messages.Count + 1, message.Kind, message.Sender.Kind, message.Sender.UserId, message.Sender.ApiKeyId,
            message.UserId, message.BroadcastId, message.Language, message.Text, message.Queued, DateTimeOffset.UnixEpoch);
        await enqueue(recorded.Id);
        Messages.Add(recorded);
        return recorded;
    }

    public Task<IReadOnlyList<SentMessage>> ListAsync(long? beforeId, int limit, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<SentMessage>>([.. Messages.Where(m => beforeId is null || m.Id < beforeId).OrderByDescending(m => m.Id).Take(limit)]);
}
