namespace TrustyTrade.Core.Payments.Crypto;

/// <summary>Queues the poller's next tick: a Storage queue message, visible after the delay.</summary>
public interface IChainPollScheduler
{
    Task ScheduleAsync(long tick, TimeSpan delay, CancellationToken cancellationToken);
}
