using TrustyTrade.Core.Deals;

namespace TrustyTrade.Core.Payments.Reports;

/// <summary>
/// Which transactions a list shows. <paramref name="PartyId"/> limits it to deals that user is the buyer or the seller
/// of (what a user may see); null lists everyone's.
/// </summary>
public sealed record TransactionFilter(long? DealId, PaymentMethod? Method, TransactionStatus? Status, long? PartyId);
