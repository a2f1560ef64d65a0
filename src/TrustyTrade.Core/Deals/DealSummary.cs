namespace TrustyTrade.Core.Deals;

/// <summary>A deal with what a screen about it needs from its listing: the title and whether credentials are stored.</summary>
public sealed record DealSummary(Deal Deal, string Title, bool HasCredentials);
