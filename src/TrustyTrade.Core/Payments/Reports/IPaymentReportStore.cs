namespace TrustyTrade.Core.Payments.Reports;

/// <summary>Read-only views of payments for the HTTP API: transactions and invoices, paged by id.</summary>
public interface IPaymentReportStore
{
    /// <summary>Up to <paramref name="limit"/> transactions matching <paramref name="filter"/> with ids above <paramref name="afterId"/>, in id order.</summary>
    Task<IReadOnlyList<PaymentTransaction>> ListTransactionsAsync(TransactionFilter filter, long afterId, int limit, CancellationToken cancellationToken);

    Task<InvoiceRecord?> FindInvoiceAsync(long dealId, CancellationToken cancellationToken);
}
