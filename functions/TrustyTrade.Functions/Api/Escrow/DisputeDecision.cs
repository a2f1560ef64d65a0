using TrustyTrade.Core.Monetary;

namespace TrustyTrade.Functions.Api.Escrow;

/// <summary>An admin's decision on a dispute; <see cref="SellerShare"/> is given for a split, and only then.</summary>
public sealed record DisputeDecision(DisputeVerdict Outcome, string Reason, Money? SellerShare = null);
