using TrustyTrade.Core.Deals;
using TrustyTrade.Core.Payments.Reports;

namespace TrustyTrade.Functions.Api.Payments;

/// <summary>A row of <c>transactions</c> as the API shows it.</summary>
public sealed record TransactionView(
    long Id, long DealId, PaymentMethod Method, ApiMoney Amount, TransactionStatus Status, string? TransactionHash, DateTimeOffset CreatedAt)
{
    public static TransactionView Of(PaymentTransaction transaction)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        return new(transaction.Id, transaction.DealId, transaction.Method, ApiMoney.Of(transaction.Amount), transaction.Status,
            transaction.TransactionHash, transaction.CreatedAt);
    }
}
