namespace TrustyTrade.Functions.Api.Deals;

/// <summary>A party asks an admin to decide, saying why.</summary>
public sealed record DisputeRequest(string Reason);
