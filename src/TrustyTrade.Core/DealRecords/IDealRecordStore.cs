namespace TrustyTrade.Core.DealRecords;

/// <summary>What a deal accumulates beside its money: chat messages, ratings, dispute evidence.</summary>
public interface IDealRecordStore
{
    Task<DealParties?> FindPartiesAsync(long dealId, CancellationToken cancellationToken);

    /// <summary>
    /// Keeps a chat message; with <paramref name="sourceKey"/> (what it came from, e.g. a Telegram update) a second
    /// insert under the same key stores nothing and returns the first message.
    /// </summary>
    Task<DealMessage> InsertMessageAsync(
        long dealId, long senderId, long recipientId, string body, DateTimeOffset at, string? sourceKey, CancellationToken cancellationToken);

    Task<IReadOnlyList<DealMessage>> ListMessagesAsync(long dealId, CancellationToken cancellationToken);

    /// <summary>
    /// Adds a rating and refreshes the rated user's mean in one transaction; false when the rater already rated this deal.
    /// </summary>
    Task<bool> InsertRatingAsync(long dealId, long raterId, long rateeId, int score, string? comment, CancellationToken cancellationToken);

    /// <summary>Adds evidence to the deal's open dispute; false when it has none (any more).</summary>
    Task<bool> InsertEvidenceAsync(long dealId, long submittedBy, Evidence evidence, CancellationToken cancellationToken);
}
