using Microsoft.Extensions.Options;
using TrustyTrade.Core.Payments.Chain;

namespace TrustyTrade.Core.Payments.Payouts;

/// <summary>
/// One round of the chain's outgoing work: broadcast approved payouts from the hot wallet, confirm sent ones, and move
/// paid deals' deposits to the hot wallet. Each step is safe to run again (transactions are stored before they are
/// broadcast), so a failed round is simply the next round's work. Nothing happens while the chain is off.
/// </summary>
public sealed class PayoutRound(PayoutSender sender, DepositSweeper sweeper, IOptions<ChainOptions> options)
{
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.Enabled)
        {
            return;
        }

        // Each step runs even when one before it failed: a hot wallet short of USDT fails sending, and the sweep is
        // what refills it. The failures are thrown together afterwards, so the round still shows as failed.
        List<Exception> failures = [];
        foreach (var step in new Func<Task>[]
        {
            () => sender.SendApprovedAsync(cancellationToken),
            () => sender.ConfirmSentAsync(cancellationToken),
            () => sweeper.SweepAsync(cancellationToken),
        })
        {
            try
            {
                await step().ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                failures.Add(e);
            }
        }

        if (failures.Count > 0)
        {
            throw new AggregateException("Payout steps failed.", failures);
        }
    }
}
