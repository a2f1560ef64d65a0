using TrustyTrade.Core.Deals;
using TrustyTrade.Core.Monetary;

namespace TrustyTrade.Core.Payments.Reports;

/// <summary>One row of the seed's <c>transactions</c> table: a payment (Stars charge or chain transfer) towards a deal.</summary>
public sealed record PaymentTransaction(
    long Id, long DealId, PaymentMethod Method, Money Amount, TransactionStatus Status, string? TransactionHash, DateTimeOffset CreatedAt);
