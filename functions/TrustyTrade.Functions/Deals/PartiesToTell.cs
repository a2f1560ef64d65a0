namespace TrustyTrade.Functions.Deals;

/// <summary>The input of the notify activity: the deal, and the last version its parties were told of (null: none).</summary>
public sealed record PartiesToTell(long DealId, int? ToldVersion);
