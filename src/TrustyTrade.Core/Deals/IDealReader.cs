namespace TrustyTrade.Core.Deals;

/// <summary>Reads deals for people to look at (the bot's "my deals", a seller's record); never used to decide a transition.</summary>
public interface IDealReader
{
    Task<DealSummary?> FindAsync(long dealId, CancellationToken cancellationToken);

    /// <summary>The user's most recent deals as buyer or seller, newest first.</summary>
    Task<IReadOnlyList<DealSummary>> ListForUserAsync(long userId, int limit, CancellationToken cancellationToken);

    /// <summary>How many deals the user completed as the seller (the buyer got the account and kept it).</summary>
    Task<int> CountSalesAsync(long sellerId, CancellationToken cancellationToken);
}
