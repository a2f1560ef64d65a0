namespace TrustyTrade.Core.Deals;

/// <summary>
/// One step of a deal's timeline (its event history): the command, the status it left and entered, who acted, when,
/// and the deal version it produced (null for events recorded before versions were kept).
/// </summary>
public sealed record DealEvent(string Command, DealStatus? From, DealStatus To, ActorKind Actor, DateTimeOffset At, int? Version);
