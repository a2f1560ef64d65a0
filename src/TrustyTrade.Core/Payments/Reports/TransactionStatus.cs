namespace TrustyTrade.Core.Payments.Reports;

/// <summary>A <c>transactions</c> row's status, as the seed's check constraint names them.</summary>
public enum TransactionStatus
{
    Pending,
    Confirmed,
    Failed,
    Refunded,
}
