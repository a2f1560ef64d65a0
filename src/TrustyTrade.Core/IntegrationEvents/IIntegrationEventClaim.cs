namespace TrustyTrade.Core.IntegrationEvents;

/// <summary>Events one relay holds while it sends them. Disposed unmarked, they are released as they were.</summary>
public interface IIntegrationEventClaim : IAsyncDisposable
{
    IReadOnlyList<IntegrationEvent> Events { get; }

    Task MarkPublishedAsync(DateTimeOffset publishedAt, CancellationToken cancellationToken);

    /// <summary>
    /// Keeps the events for another try: counts the attempt, keeps <paramref name="failure"/> (what went wrong), and makes each due again
    /// after <paramref name="firstDelay"/> doubled per earlier attempt, at most <paramref name="maxDelay"/>.
    /// </summary>
    Task MarkFailedAsync(string failure, DateTimeOffset failedAt, TimeSpan firstDelay, TimeSpan maxDelay, CancellationToken cancellationToken);
}
