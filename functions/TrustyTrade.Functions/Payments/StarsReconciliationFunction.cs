using Microsoft.Azure.Functions.Worker;
using TrustyTrade.Core.Payments.Stars;

namespace TrustyTrade.Functions.Payments;

/// <summary>Every hour (at :41, away from the other hourly timers): compares Telegram's Star transactions with our charges and flags each difference once for admins.</summary>
public sealed class StarsReconciliationFunction(StarsReconciliationService reconciliation)
{
    public const string Schedule = "0 41 * * * *";

    [Function(nameof(ReconcileStarsPayments))]
    public Task<StarsReconciliationReport> ReconcileStarsPayments([TimerTrigger(Schedule)] TimerInfo timer, CancellationToken cancellationToken) =>
        reconciliation.ReconcileAsync(cancellationToken);
}
