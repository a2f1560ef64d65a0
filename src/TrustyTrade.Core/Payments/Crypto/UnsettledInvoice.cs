using TrustyTrade.Core.Deals;

namespace TrustyTrade.Core.Payments.Crypto;

/// <summary>An invoice holding deposits not yet applied to its deal or returned, with the deal's status now.</summary>
public sealed record UnsettledInvoice(long DealId, decimal Received, DealStatus DealStatus);
