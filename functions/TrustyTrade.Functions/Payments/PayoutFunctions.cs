using Microsoft.Azure.Functions.Worker;
using TrustyTrade.Core.Payments.Payouts;

namespace TrustyTrade.Functions.Payments;

/// <summary>Payouts and sweeps on chain, once a minute (<see cref="PayoutRound"/>).</summary>
public sealed class PayoutFunctions(PayoutRound round)
{
    /// <summary>Every minute, at second 20, away from the other timers (0 and 40).</summary>
    public const string Schedule = "20 * * * * *";

    [Function(nameof(RunPayouts))]
    public Task RunPayouts([TimerTrigger(Schedule)] TimerInfo timer, CancellationToken cancellationToken) => round.RunAsync(cancellationToken);
}
