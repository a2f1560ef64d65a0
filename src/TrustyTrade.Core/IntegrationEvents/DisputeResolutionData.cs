namespace TrustyTrade.Core.IntegrationEvents;

/// <summary>How a resolved dispute shared the money: the seller's share (before the fee), the fee on it, the buyer's share.</summary>
internal sealed record DisputeResolutionData(string Outcome, string SellerShare, string Fee, string BuyerShare);
