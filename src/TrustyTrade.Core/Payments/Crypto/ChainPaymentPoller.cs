using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TrustyTrade.Core.Deals;
using TrustyTrade.Core.Deals.Workflow;
using TrustyTrade.Core.Idempotency;
using TrustyTrade.Core.Monetary;
using TrustyTrade.Core.Payments.Chain;
using TrustyTrade.Core.Telemetry;

namespace TrustyTrade.Core.Payments.Crypto;

/// <summary>
/// Watches the chain for payments to deals' deposit addresses. One tick reads the head and the token's transfers over
/// the confirmed blocks not read yet (two RPC calls, however many invoices are open: the transfers are matched to
/// addresses in the database), books each transfer once, pays the deals whose deposits reached their price, returns
/// the deposits of deals that closed unpaid, then queues the next tick with a delay while any address is still
/// watched. Ticks are numbered: only the scheduled one moves the cursor and queues the next, so a duplicated queue
/// message does no harm, and a watchdog starts a new chain of ticks when the last one died.
/// </summary>
public sealed partial class ChainPaymentPoller(
    IChainClient chain,
    IChainPaymentStore store,
    IChainPollScheduler scheduler,
    DealService deals,
    IOptions<ChainOptions> options,
    TimeProvider timeProvider,
    ILogger<ChainPaymentPoller> logger,
    BusinessMetrics? metrics = null)
{
    private const int SettleBatch = 100;

    private readonly ChainOptions _options = options.Value;

    private TimeSpan PollDelay => TimeSpan.FromSeconds(_options.PollSeconds);

    /// <summary>The idempotency key of paying a deal from its deposits: one payment per deal, however often tried.</summary>
    public static IdempotencyKey PaymentKey(long dealId) => new(string.Create(CultureInfo.InvariantCulture, $"chain-payment:{dealId}"));

    /// <summary>Runs tick <paramref name="tick"/>; a tick that is not the scheduled one does nothing.</summary>
    public async Task PollAsync(long tick, IDealWorkflow? workflow, CancellationToken cancellationToken)
    {
        var cursor = await store.GetCursorAsync(cancellationToken).ConfigureAwait(false);
        if (cursor is null || cursor.ScheduledTick != tick)
        {
            LogStaleTick(tick, cursor?.ScheduledTick);
            return;
        }

        var head = await chain.GetHeadBlockAsync(cancellationToken).ConfigureAwait(false);
        // A transfer in block b has head - b + 1 confirmations: only blocks up to here count.
        var confirmedTip = head - _options.Confirmations + 1;
        var next = cursor.NextBlock;
        var caughtUp = true;
        if (confirmedTip >= next)
        {
            var to = Math.Min(confirmedTip, next + _options.MaxBlockRange - 1);
            var transfers = await chain.GetTokenTransfersAsync(next, to, cancellationToken).ConfigureAwait(false);
            await RecordAsync(transfers, cancellationToken).ConfigureAwait(false);
            caughtUp = to == confirmedTip;
            next = to + 1;
        }

        await SettleAsync(workflow, cancellationToken).ConfigureAwait(false);
        var nextTick = await store.AdvanceAsync(tick, next, cancellationToken).ConfigureAwait(false);
        if (nextTick is not { } scheduled)
        {
            LogStaleTick(tick, null);
            return;
        }

        var watching = await store.AnyInvoiceSinceAsync(timeProvider.GetUtcNow() - TimeSpan.FromDays(_options.WatchDays), cancellationToken)
            .ConfigureAwait(false);
        if (watching)
        {
            await scheduler.ScheduleAsync(scheduled, caughtUp ? PollDelay : TimeSpan.Zero, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Makes sure a chain of ticks runs while addresses are watched: places the cursor at the head the first time and
    /// starts a new tick when none polled for three poll intervals (the last one was lost or failed for good).
    /// </summary>
    public async Task EnsurePollingAsync(CancellationToken cancellationToken)
    {
        if (await store.GetCursorAsync(cancellationToken).ConfigureAwait(false) is null)
        {
            var head = await chain.GetHeadBlockAsync(cancellationToken).ConfigureAwait(false);
            // Transfers from the head on: an address created now can't have received anything before.
            await store.StartCursorAsync(Math.Max(0, head - _options.Confirmations + 1), cancellationToken).ConfigureAwait(false);
        }

        var now = timeProvider.GetUtcNow();
        if (!await store.AnyInvoiceSinceAsync(now - TimeSpan.FromDays(_options.WatchDays), cancellationToken).ConfigureAwait(false))
        {
            return;
        }

        if (await store.TakeOverIfIdleAsync(now - 3 * PollDelay, cancellationToken).ConfigureAwait(false) is { } tick)
        {
            LogStartingTicks(tick);
            await scheduler.ScheduleAsync(tick, TimeSpan.Zero, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task RecordAsync(IReadOnlyList<TokenTransfer> transfers, CancellationToken cancellationToken)
    {
        if (transfers.Count == 0)
        {
            return;
        }

        var dealsByAddress = await store.FindDealsByAddressAsync([.. transfers.Select(t => t.To).Distinct()], cancellationToken)
            .ConfigureAwait(false);
        foreach (var transfer in transfers)
        {
            // A transfer to an address that is no deal's is somebody else's business: nothing is credited.
            if (transfer.Amount > 0 && dealsByAddress.TryGetValue(transfer.To, out var dealId))
            {
                var outcome = await store.RecordDepositAsync(dealId, transfer, cancellationToken).ConfigureAwait(false);
                LogTransfer(dealId, transfer.TransactionHash, transfer.LogIndex, transfer.Amount, outcome);
                if (outcome == DepositOutcome.CreditedLate)
                {
                    metrics?.PaymentFailed(PaymentMethod.Crypto, "late");
                }
            }
        }
    }

    /// <summary>Pays the deals whose deposits reached the price, and returns the deposits of deals that closed unpaid.</summary>
    private async Task SettleAsync(IDealWorkflow? workflow, CancellationToken cancellationToken)
    {
        var service = workflow is null ? deals : deals.WithWorkflow(workflow);
        foreach (var invoice in await store.ListUnsettledAsync(SettleBatch, cancellationToken).ConfigureAwait(false))
        {
            if (invoice.DealStatus == DealStatus.AwaitingPayment)
            {
                var paid = new ConfirmPayment(new Money(invoice.Received, Currency.USDT), PaymentMethod.Crypto,
                    string.Create(CultureInfo.InvariantCulture, $"deposits:{invoice.DealId}"));
                var result = await service.ExecuteAsync(
                    new IdentifiedCommand<ActOnDeal>(PaymentKey(invoice.DealId), new ActOnDeal(invoice.DealId, Actor.System, paid)),
                    cancellationToken).ConfigureAwait(false);
                if (result.Succeeded)
                {
                    await store.MarkSettledAsync(invoice.DealId, cancellationToken).ConfigureAwait(false);
                }

                continue;
            }

            if (invoice.DealStatus is DealStatus.Cancelled or DealStatus.Expired)
            {
                if (await store.ReturnDepositsAsync(invoice.DealId, cancellationToken).ConfigureAwait(false))
                {
                    LogDepositsReturned(invoice.DealId, invoice.Received);
                    metrics?.PaymentFailed(PaymentMethod.Crypto, "closed_unpaid");
                }

                continue;
            }

            // Paid (this payment's own key was replayed, or it was paid before a crash marked it): nothing left here.
            await store.MarkSettledAsync(invoice.DealId, cancellationToken).ConfigureAwait(false);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Chain poll tick {Tick} is not the scheduled one ({Scheduled}); dropped")]
    private partial void LogStaleTick(long tick, long? scheduled);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Chain polling was idle; starting tick {Tick}")]
    private partial void LogStartingTicks(long tick);

    [LoggerMessage(Level = LogLevel.Information, Message = "Deal {DealId}: transfer {TransactionHash}#{LogIndex} of {Amount} USDT {Outcome}")]
    private partial void LogTransfer(long dealId, string transactionHash, int logIndex, decimal amount, DepositOutcome outcome);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Deal {DealId} closed unpaid: its deposits of {Amount} USDT went to the buyer's balance (flagged)")]
    private partial void LogDepositsReturned(long dealId, decimal amount);
}
