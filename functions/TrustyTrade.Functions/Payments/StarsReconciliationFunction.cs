using Microsoft.Azure.Functions.Worker;
using TrustyTrade.Core.Payments.Stars;

namespace TrustyTrade.Functions.Payments;

/// <summary>Every hour: compares Telegram's Star transactions with our charges and flags each difference once for admins.</summary>
public sealed class StarsReconciliationFunction(StarsReconciliationService reconciliation)
{
    public const string Schedule = "0 17 * * * *";

    [Function(nameof(ReconcileStarsPayments))]
    public Task<StarsReconciliationReport> ReconcileStarsPayments([TimerTrigger(Schedule)] TimerInfo timer, CancellationToken cancellationToken) =>
        reconciliation.ReconcileAsync(cancellationToken);
}
