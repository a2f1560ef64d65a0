using TrustyTrade.Core.Deals;

namespace TrustyTrade.Functions.Deals;

/// <summary>
/// The external event Core raises after a command moved a deal (payment confirmed, delivered, confirmed by the buyer,
/// dispute opened or resolved, cancelled…). One event name for all of them: the orchestration reads the deal back
/// anyway, and a single waiter can't leave a stale one behind to swallow the next event.
/// </summary>
public sealed record DealMoved(long DealId, string Command, DealStatus Status, int Version);
