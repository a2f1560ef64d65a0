namespace TrustyTrade.Functions.Api.Deals;

/// <summary>A purchase: a user buys for themself (<see cref="BuyerId"/> absent or their own); an integration names the buyer.</summary>
public sealed record DealPurchase(long ListingId, long? BuyerId = null);
