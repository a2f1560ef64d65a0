using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TrustyTrade.Core.Payments.Chain;
using TrustyTrade.Core.Payments.Crypto;
using TrustyTrade.Functions.Deals;
using TrustyTrade.Infrastructure.Payments;

namespace TrustyTrade.Functions.Payments;

/// <summary>
/// The chain poller: each message on <c>chain-poll</c> is one tick (<see cref="ChainPaymentPoller"/>), which queues the
/// next one with a visibility delay while deposit addresses are watched; a paid deal's workflow is told at once. A
/// tick that keeps failing (the RPC node away) ends in the poison queue, and the watchdog starts a new one.
/// </summary>
public sealed partial class ChainPaymentFunctions(ChainPaymentPoller poller, IOptions<ChainOptions> options, ILogger<ChainPaymentFunctions> logger)
{
    /// <summary>Every minute, at second 40, away from the other timers.</summary>
    public const string WatchdogSchedule = "40 * * * * *";

    [Function(nameof(PollChainPayments))]
    public async Task PollChainPayments(
        [QueueTrigger(ChainQueues.Poll)] string message, [DurableClient] DurableTaskClient client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (!ChainQueues.TryParseTick(message.Trim(), out var tick))
        {
            LogNotATick(message.Length);
            return;
        }

        await poller.PollAsync(tick, new DurableDealWorkflow(client), cancellationToken).ConfigureAwait(false);
    }

    [Function(nameof(WatchChainPolling))]
    public async Task WatchChainPolling([TimerTrigger(WatchdogSchedule)] TimerInfo timer, CancellationToken cancellationToken)
    {
        if (options.Value.Enabled)
        {
            await poller.EnsurePollingAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A chain-poll message of {Length} characters is not a tick number; dropped")]
    private partial void LogNotATick(int length);
}
