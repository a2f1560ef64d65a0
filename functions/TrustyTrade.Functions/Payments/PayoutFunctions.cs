using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;
using TrustyTrade.Core.Payments.Chain;
using TrustyTrade.Core.Payments.Payouts;

namespace TrustyTrade.Functions.Payments;

/// <summary>
/// Payouts and sweeps on chain, once a minute: broadcasts approved payouts from the hot wallet, confirms sent ones, and
/// moves paid deals' deposits to the hot wallet. Each step is safe to run again (transactions are stored before they
/// are broadcast), so a failed run is simply the next minute's work.
/// </summary>
public sealed class PayoutFunctions(PayoutSender sender, DepositSweeper sweeper, IOptions<ChainOptions> options)
{
    /// <summary>Every minute, at second 20, away from the other timers (0 and 40).</summary>
    public const string Schedule = "20 * * * * *";

    [Function(nameof(RunPayouts))]
    public async Task RunPayouts([TimerTrigger(Schedule)] TimerInfo timer, CancellationToken cancellationToken)
    {
        if (!options.Value.Enabled)
        {
            return;
        }

        // Each step runs even when one before it failed: a hot wallet short of USDT fails sending, and the sweep is
        // what refills it. The failures are thrown together afterwards, so the run still shows as failed.
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
