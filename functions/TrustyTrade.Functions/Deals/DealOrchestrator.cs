using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;
using TrustyTrade.Core.Deals;
using TrustyTrade.Core.Payments.Stars;

namespace TrustyTrade.Functions.Deals;

/// <summary>
/// Drives one deal (instance id <c>deal-{id}</c>) through Core's state machine. PostgreSQL holds the deal: after each
/// event or timer the orchestration reads the deal back through an activity, then waits for the next
/// <see cref="DealMoved"/> event raced against a durable timer for the deal's current deadline (payment, delivery,
/// inspection, warranty); the loser is cancelled. When a timer wins, an activity issues the deadline's system command
/// through Core. Before that race, when the deadline has a reminder, its timer races the same event first: when the
/// reminder wins, an activity queues it for the party who has to act, and the wait for the deadline goes on. A dispute
/// has no deadline, so the orchestration waits for the admin's decision. A final status ends it, after the Stars of a
/// deal refunded to its buyer went back through Telegram.
/// </summary>
public static partial class DealOrchestrator
{
    public const string Name = nameof(DealOrchestrator);

    public const string DealMovedEvent = nameof(DealMoved);

    /// <summary>When the database's clock says a deadline has not quite passed, try again this much later.</summary>
    private static readonly TimeSpan TooEarlyRetry = TimeSpan.FromSeconds(1);

    /// <summary>Activities talk to PostgreSQL over the network: retry a failing one with backoff before failing the deal's workflow.</summary>
    private static readonly TaskOptions DatabaseRetry = TaskOptions.FromRetryPolicy(new RetryPolicy(
        maxNumberOfAttempts: 6, firstRetryInterval: TimeSpan.FromSeconds(2), backoffCoefficient: 2, maxRetryInterval: TimeSpan.FromMinutes(1)));

    /// <summary>
    /// The refund talks to Telegram too, which may answer 429 or be down for a while: more attempts, spread over about an
    /// hour, before the workflow fails (and reconciliation flags it for an admin).
    /// </summary>
    private static readonly TaskOptions TelegramRetry = TaskOptions.FromRetryPolicy(new RetryPolicy(
        maxNumberOfAttempts: 10, firstRetryInterval: TimeSpan.FromSeconds(5), backoffCoefficient: 2, maxRetryInterval: TimeSpan.FromMinutes(15)));

    public static string InstanceId(long dealId) => $"deal-{dealId}";

    [Function(Name)]
    public static Task<DealWorkflowResult> Run([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var input = context.GetInput<DealWorkflowInput>() ?? throw new InvalidOperationException("a deal orchestration needs its deal id");
        return RunAsync(context, input);
    }

    public static async Task<DealWorkflowResult> RunAsync(TaskOrchestrationContext context, DealWorkflowInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var log = context.CreateReplaySafeLogger(Name);
        var step = await context.CallActivityAsync<DealStep?>(DealActivities.LoadDealName, input.DealId, DatabaseRetry);
        DateTime? retryAt = null;

        // The buyer and the seller hear of each version the workflow sees, except the one it started from.
        var told = step?.Version;
        int? reminded = null;

        while (step is not null && !step.Status.IsFinal())
        {
            told = await TellPartiesAsync(context, input.DealId, step, told);
            context.SetCustomStatus(DealWorkflowStatus.Of(step));
            using var loser = new CancellationTokenSource();
            var moved = context.WaitForExternalEvent<DealMoved>(DealMovedEvent, loser.Token);

            // One reminder per deal version: a duplicate signal or a too-early retry reads the same version again.
            if (step is { Deadline: { } near, RemindAt: { } remindAt } && reminded != step.Version
                && await ReminderWinsAsync(context, remindAt, moved))
            {
                reminded = step.Version;
                LogReminder(log, input.DealId, near, step.Version);
                await context.CallActivityAsync<int>(
                    DealActivities.RemindDeadlineName, new DeadlineNear(input.DealId, near, step.Version), DatabaseRetry);
            }

            // A signal that beat the reminder needs no deadline timer.
            if (step is { Deadline: { } deadline, DueAt: { } dueAt } && !moved.IsCompleted)
            {
                var fireAt = retryAt is { } retry && retry > dueAt.UtcDateTime ? retry : dueAt.UtcDateTime;
                var timer = context.CreateTimer(fireAt, loser.Token);
                var winner = await Task.WhenAny(moved, timer);
                loser.Cancel();
                if (winner == timer)
                {
                    LogDeadline(log, input.DealId, deadline, step.Version);
                    var outcome = await context.CallActivityAsync<DeadlineOutcome>(
                        DealActivities.PassDeadlineName, new DeadlinePassed(input.DealId, deadline, step.Version), DatabaseRetry);
                    retryAt = outcome.TooEarly ? context.CurrentUtcDateTime + TooEarlyRetry : null;
                    step = outcome.Step;
                    continue;
                }
            }

            // Read the deal back on every signal: a duplicate costs one read and changes nothing, and reconciliation's
            // wake-up (sent with the version the workflow already knows) picks up a deadline the workflow missed.
            var signal = await moved;
            retryAt = null;
            LogSignal(log, input.DealId, signal.Command, signal.Version, step.Version);
            step = await context.CallActivityAsync<DealStep?>(DealActivities.LoadDealName, input.DealId, DatabaseRetry);
        }

        if (step is null)
        {
            LogMissing(log, input.DealId);
            return new DealWorkflowResult(input.DealId, null, null);
        }

        await TellPartiesAsync(context, input.DealId, step, told);
        context.SetCustomStatus(DealWorkflowStatus.Of(step));

        // After telling the parties, so a history recorded before this step existed replays unchanged up to here. The
        // activity itself decides whether anything is owed in Stars (currency, dispute outcome, charge).
        if (step.Status is DealStatus.Refunded or DealStatus.Resolved)
        {
            var refund = await context.CallActivityAsync<StarsRefundOutcome>(StarsRefundActivity.Name, input.DealId, TelegramRetry);
            LogRefund(log, input.DealId, refund);
        }

        LogClosed(log, input.DealId, step.Status);
        return new DealWorkflowResult(input.DealId, step.Status, step.Version);
    }

    /// <summary>
    /// Races the reminder's timer against the deal's signal (which stays pending for the deadline's race when the
    /// reminder wins); the timer is cancelled when the signal wins.
    /// </summary>
    private static async Task<bool> ReminderWinsAsync(TaskOrchestrationContext context, DateTimeOffset remindAt, Task moved)
    {
        using var loser = new CancellationTokenSource();
        var reminder = context.CreateTimer(remindAt.UtcDateTime, loser.Token);
        var winner = await Task.WhenAny(moved, reminder);
        loser.Cancel();
        return winner == reminder;
    }

    private static async Task<int?> TellPartiesAsync(TaskOrchestrationContext context, long dealId, DealStep step, int? told)
    {
        if (step.Version != told)
        {
            await context.CallActivityAsync<int>(DealActivities.NotifyPartiesName, new PartiesToTell(dealId, told), DatabaseRetry);
        }

        return step.Version;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Deal {DealId}: {Deadline} deadline passed at version {Version}")]
    private static partial void LogDeadline(ILogger logger, long dealId, Core.Deals.Workflow.DealDeadlineKind deadline, int version);

    [LoggerMessage(Level = LogLevel.Information, Message = "Deal {DealId}: {Deadline} deadline is near at version {Version}; reminding")]
    private static partial void LogReminder(ILogger logger, long dealId, Core.Deals.Workflow.DealDeadlineKind deadline, int version);

    [LoggerMessage(Level = LogLevel.Information, Message = "Deal {DealId}: {Command} signalled version {Version} (known {Known}); reading the deal")]
    private static partial void LogSignal(ILogger logger, long dealId, string command, int version, int known);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Deal {DealId} does not exist; its workflow ends")]
    private static partial void LogMissing(ILogger logger, long dealId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Deal {DealId}: Stars refund step {Outcome}")]
    private static partial void LogRefund(ILogger logger, long dealId, StarsRefundOutcome outcome);

    [LoggerMessage(Level = LogLevel.Information, Message = "Deal {DealId} closed as {Status}; its workflow ends")]
    private static partial void LogClosed(ILogger logger, long dealId, DealStatus status);
}
