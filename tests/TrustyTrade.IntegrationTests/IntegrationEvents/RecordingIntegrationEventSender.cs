using System.Collections.Concurrent;
using TrustyTrade.Core.IntegrationEvents;

namespace TrustyTrade.IntegrationTests.IntegrationEvents;

/// <summary>
/// Stands in for Service Bus, which has no emulator on these machines: records what the relay sends, fails while
/// <see cref="Failing"/> is set, and can hold the first send until a second one starts (to make two relays overlap).
/// </summary>
internal sealed class RecordingIntegrationEventSender : IIntegrationEventSender
{
    private readonly TaskCompletionSource _secondSendStarted = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _sends;

    public ConcurrentQueue<IntegrationEvent> Sent { get; } = new();

    public bool Failing { get; set; }

    /// <summary>When set, the first send waits (up to 10 s) until a second send has started.</summary>
    public bool HoldFirstSendForASecond { get; init; }

    public async Task SendAsync(IReadOnlyList<IntegrationEvent> events, CancellationToken cancellationToken)
    {
        var send = Interlocked.Increment(ref _sends);
        if (HoldFirstSendForASecond)
        {
            if (send == 1)
            {
                await _secondSendStarted.Task.WaitAsync(TimeSpan.FromSeconds(10), cancellationToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
            else
            {
                _secondSendStarted.TrySetResult();
            }
        }

        if (Failing)
        {
            throw new InvalidOperationException("the broker is unreachable (test)");
        }

        foreach (var integrationEvent in events)
        {
            Sent.Enqueue(integrationEvent);
        }
    }
}
