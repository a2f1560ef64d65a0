namespace TrustyTrade.Core.Deals;

/// <summary>A command addressed to one deal by one actor.</summary>
public sealed record ActOnDeal(long DealId, Actor Actor, DealCommand Command);
