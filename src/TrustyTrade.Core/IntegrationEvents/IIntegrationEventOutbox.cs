namespace TrustyTrade.Core.IntegrationEvents;

/// <summary>The integration events written beside the deal changes that raised them, until they are published.</summary>
public interface IIntegrationEventOutbox
{
    /// <summary>
    /// Takes up to <paramref name="max"/> unpublished events due by <paramref name="now"/>, oldest first, and holds them
    /// until the claim is marked or disposed; events another claim holds are skipped, so two relays never take the same.
    /// </summary>
    Task<IIntegrationEventClaim> ClaimAsync(int max, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Deletes up to <paramref name="max"/> events published before <paramref name="before"/>; returns how many.</summary>
    Task<int> DeletePublishedBeforeAsync(DateTimeOffset before, int max, CancellationToken cancellationToken);

    /// <summary>Deletes up to <paramref name="max"/> events that occurred before <paramref name="before"/>, published or not; returns how many.</summary>
    Task<int> DeleteOccurredBeforeAsync(DateTimeOffset before, int max, CancellationToken cancellationToken);
}
