namespace TrustyTrade.Core.Notifications.Messages;

/// <summary>The history of messages sent through the API.</summary>
public interface ISentMessageStore
{
    /// <summary>
    /// Records <paramref name="message"/> and, before the record commits, calls <paramref name="enqueue"/> with its id:
    /// when queueing fails nothing is recorded, so the history never shows a message that was not queued.
    /// </summary>
    Task<SentMessage> RecordAsync(NewSentMessage message, Func<long, Task> enqueue, CancellationToken cancellationToken);

    /// <summary>Newest first, below <paramref name="beforeId"/> when given.</summary>
    Task<IReadOnlyList<SentMessage>> ListAsync(long? beforeId, int limit, CancellationToken cancellationToken);
}
