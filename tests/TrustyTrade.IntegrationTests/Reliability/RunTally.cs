using System.Collections.Concurrent;
using TrustyTrade.Core.Deals;

namespace TrustyTrade.IntegrationTests.Reliability;

/// <summary>What the histories exercised, summed over all of them: the guard against a vacuous run.</summary>
internal sealed class RunTally
{
    private long _steps;
    private long _races;
    private long _racesWithOneWinner;
    private long _replays;
    private long _duplicatePayments;
    private long _payoutsAccepted;
    private long _payoutsRefused;
    private long _invariantChecks;

    public ConcurrentDictionary<DealStatus, long> StatusesReached { get; } = new();

    public ConcurrentDictionary<string, long> Refusals { get; } = new(StringComparer.Ordinal);

    public long Steps => Interlocked.Read(ref _steps);

    public long Races => Interlocked.Read(ref _races);

    public long RacesWithOneWinner => Interlocked.Read(ref _racesWithOneWinner);

    public long Replays => Interlocked.Read(ref _replays);

    public long DuplicatePayments => Interlocked.Read(ref _duplicatePayments);

    public long PayoutsAccepted => Interlocked.Read(ref _payoutsAccepted);

    public long PayoutsRefused => Interlocked.Read(ref _payoutsRefused);

    public long InvariantChecks => Interlocked.Read(ref _invariantChecks);

    public void Step() => Interlocked.Increment(ref _steps);

    public void Race(bool oneWinner)
    {
        Interlocked.Increment(ref _races);
        if (oneWinner)
        {
            Interlocked.Increment(ref _racesWithOneWinner);
        }
    }

    public void DuplicatePayment() => Interlocked.Increment(ref _duplicatePayments);

    public void InvariantsChecked(int count) => Interlocked.Add(ref _invariantChecks, count);

    public void Saw(HistoryRequest request, Observed observed)
    {
        if (observed.Replayed)
        {
            Interlocked.Increment(ref _replays);
        }

        if (request is PayoutAsk)
        {
            Interlocked.Increment(ref observed.Succeeded ? ref _payoutsAccepted : ref _payoutsRefused);
        }
        else if (observed is { Succeeded: true, Replayed: false, Status: { } status })
        {
            StatusesReached.AddOrUpdate(status, 1, (_, n) => n + 1);
        }
        else if (observed.Refusal is { } refusal)
        {
            Refusals.AddOrUpdate(refusal, 1, (_, n) => n + 1);
        }
    }

    public override string ToString() =>
        $"{Steps} steps, {Races} races ({RacesWithOneWinner} with one winner), {Replays} replays, {DuplicatePayments} duplicate payment notices, "
        + $"payouts {PayoutsAccepted} accepted / {PayoutsRefused} refused, {InvariantChecks} invariant checks; statuses reached: "
        + string.Join(", ", StatusesReached.OrderBy(s => s.Key).Select(s => $"{s.Key} {s.Value}"))
        + "; refusals: " + string.Join(", ", Refusals.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => $"{s.Key} {s.Value}"));
}
