using Microsoft.Azure.Functions.Worker;
using TrustyTrade.Core.Access;

namespace TrustyTrade.Functions.Api.Access;

/// <summary>Every hour: deletes expired refresh tokens and old Idempotency-Key answers.</summary>
public sealed class ApiRecordsCleanupFunction(ApiRecordsCleanup cleanup)
{
    /// <summary>At minute 23 of every hour, away from the other timers.</summary>
    public const string Schedule = "0 23 * * * *";

    [Function(nameof(CleanUpApiRecords))]
    public Task<int> CleanUpApiRecords([TimerTrigger(Schedule)] TimerInfo timer, CancellationToken cancellationToken) =>
        cleanup.RunAsync(cancellationToken);
}
