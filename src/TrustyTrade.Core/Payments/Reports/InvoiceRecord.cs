namespace TrustyTrade.Core.Payments.Reports;

/// <summary>A deal's crypto invoice as the store keeps it, with the deal's buyer and price (its key stays in the store).</summary>
public sealed record InvoiceRecord(
    long DealId, long BuyerId, string Address, decimal Price, decimal Received, int Deposits, bool Settled, DateTimeOffset CreatedAt);
