namespace TrustyTrade.Functions.Deals;

/// <summary>
/// What the deadline activity left: the deal as it is now (null when it is gone), and whether the command came too
/// early by the database's clock, so the orchestration tries again a moment later.
/// </summary>
public sealed record DeadlineOutcome(DealStep? Step, bool TooEarly);
