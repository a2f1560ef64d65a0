using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using TrustyTrade.Core.Bot;
using TrustyTrade.Functions.Deals;
using TrustyTrade.Infrastructure.Bot;

namespace TrustyTrade.Functions.Bot;

/// <summary>
/// Works on the updates the webhook queued (one or a group per message, in arrival order): the conversations, deal commands and their answers. An error that may
/// pass (Telegram or a database briefly away) throws, so the host runs the update again; every effect of an update is
/// idempotent (deal commands by key, wizard steps by the update id kept in the conversation state). After host.json's
/// maxDequeueCount the update goes to <c>telegram-updates-poison</c> with a log line an operator can act on.
/// </summary>
public sealed partial class ProcessTelegramUpdateFunction(UpdateProcessor processor, ILogger<ProcessTelegramUpdateFunction> logger)
{
    /// <summary>host.json's queues.maxDequeueCount: the attempt after which the host moves a message to the poison queue.</summary>
    public const int MaxDequeueCount = 5;

    [Function(nameof(ProcessTelegramUpdate))]
    public async Task ProcessTelegramUpdate(
        [QueueTrigger(TelegramQueues.Updates)] string message,
        long dequeueCount,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        try
        {
            await processor.ProcessBatchAsync(message, new DurableDealWorkflow(client), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (dequeueCount >= MaxDequeueCount && !cancellationToken.IsCancellationRequested)
        {
            // Only the message's size and the error are logged: the updates in it are sealed, and what they say stays there.
            LogGoesToPoison(e, message.Length, dequeueCount, TelegramQueues.Poison, $"{e.GetType().Name}: {e.Message}");
            throw;
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message =
        "A queue message of Telegram updates ({Length} characters) failed {Attempts} times and goes to the queue {PoisonQueue}: {Reason}. " +
        "Fix the cause, then move it back to telegram-updates to run it again (its effects are idempotent).")]
    private partial void LogGoesToPoison(Exception exception, int length, long attempts, string poisonQueue, string reason);
}
