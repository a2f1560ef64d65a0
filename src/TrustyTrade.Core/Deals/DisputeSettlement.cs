using TrustyTrade.Core.Monetary;

namespace TrustyTrade.Core.Deals;

/// <summary>How a resolved dispute shares the deal's money: seller's share (before fee), the fee on it, the buyer's share.</summary>
public sealed record DisputeSettlement(DisputeOutcome Outcome, Money SellerShare, Money Fee, Money BuyerShare);
