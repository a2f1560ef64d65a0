namespace TrustyTrade.Core.Deals.Stats;

/// <summary>
/// Disputes waiting for an admin: how many, how long the oldest has waited, and how many have waited under a day,
/// one to three days, three to seven, and longer.
/// </summary>
public sealed record DisputeBacklog(int Open, double? OldestHours, int UnderOneDay, int OneToThreeDays, int ThreeToSevenDays, int OverSevenDays);
