using Microsoft.Extensions.Logging;

namespace TrustyTrade.Core.Payments.Stars;

/// <summary>
/// Compares Telegram's Star transactions with our charges and stores each difference once for admins; a difference
/// seen again on a later run is neither stored nor logged again.
/// </summary>
public sealed partial class StarsReconciliationService(IStarsApi telegram, IStarsStore store, TimeProvider time, ILogger<StarsReconciliationService> logger)
{
    /// <summary>getStarTransactions returns at most 100 per call.</summary>
    public const int PageSize = 100;

    /// <summary>How long a charge may be on its way (an update in the queue, a refund before our commit) before it counts.</summary>
    public static readonly TimeSpan SettleTime = TimeSpan.FromMinutes(15);

    /// <summary>A bound on one run's reading, far above this bot's volume; reaching it is logged, and what was read is compared.</summary>
    private const int MaxPages = 1000;

    public async Task<StarsReconciliationReport> ReconcileAsync(CancellationToken cancellationToken)
    {
        // Our side is read after Telegram's, so a charge that lands in between is on both sides or settles next hour.
        var now = time.GetUtcNow();
        var transactions = new List<StarTransaction>();
        for (var page = 0; ; page++)
        {
            if (page == MaxPages)
            {
                LogTooManyPages(transactions.Count);
                break;
            }

            var batch = await telegram.ListTransactionsAsync(page * PageSize, PageSize, cancellationToken).ConfigureAwait(false);
            transactions.AddRange(batch);
            if (batch.Count < PageSize)
            {
                break;
            }
        }

        var ours = await store.ListChargesAsync(cancellationToken).ConfigureAwait(false);
        var differences = StarsComparison.Compare(transactions, ours, now - SettleTime);
        var newFlags = 0;
        foreach (var difference in differences)
        {
            if (await store.FlagAsync(difference, now, cancellationToken).ConfigureAwait(false))
            {
                newFlags++;
                LogDifference(difference.ChargeId, difference.Kind, difference.Detail);
            }
        }

        return new StarsReconciliationReport(transactions.Count, ours.Count, differences.Count, newFlags);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stars reconciliation: charge {ChargeId} differs ({Kind}): {Detail}")]
    private partial void LogDifference(string chargeId, StarsDiscrepancyKind kind, string detail);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stars reconciliation stopped reading after {Count} transactions; the rest is not compared this time")]
    private partial void LogTooManyPages(int count);
}
