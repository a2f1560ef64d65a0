namespace TrustyTrade.Core.Deals;

/// <summary>A refused command: a code to act on and a detail for people (no secrets, no stack traces).</summary>
public sealed record DealRefusal(DealRefusalCode Code, string Detail);
