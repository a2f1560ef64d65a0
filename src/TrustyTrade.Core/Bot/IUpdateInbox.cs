namespace TrustyTrade.Core.Bot;

/// <summary>Where admitted updates wait for the queue-triggered function that works on them.</summary>
public interface IUpdateInbox
{
    Task EnqueueAsync(long updateId, string updateJson, CancellationToken cancellationToken);
}
