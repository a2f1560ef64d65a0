namespace TrustyTrade.Core.DealRecords;

/// <summary>What a deal accumulates beside its money: chat messages, ratings, dispute evidence.</summary>
public interface IDealRecordStore
{
    Task<DealParties?> FindPartiesAsync(long dealId, CancellationToken cancellationToken);

    Task<DealMessage> InsertMessageAsync(long dealId, long senderId, long recipientId, string body, DateTimeOffset at, CancellationToken cancellationToken);

    Task<IReadOnlyList<DealMessage>> ListMessagesAsync(long dealId, CancellationToken cancellationToken);

    /// <summary>
    /// Adds a rating and refreshes the rated user's mean in one transaction; false when the rater already rated this deal.
    /// </summary>
    Task<bool> InsertRatingAsync(long dealId, long raterId, long rateeId, int score, string? comment, CancellationToken cancellationToken);

    /// <summary>Adds evidence to the deal's open dispute; false when it has none (any more).</summary>
    Task<bool> InsertEvidenceAsync(long dealId, long submittedBy, Evidence evidence, CancellationToken cancellationToken);
}
