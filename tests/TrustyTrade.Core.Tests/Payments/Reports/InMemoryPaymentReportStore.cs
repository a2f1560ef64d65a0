using TrustyTrade.Core.Payments.Reports;

namespace TrustyTrade.Core.Tests.Payments.Reports;

/// <summary>A fake of Core's own <see cref="IPaymentReportStore"/> holding invoices by deal.</summary>
internal sealed class InMemoryPaymentReportStore : IPaymentReportStore
{
    public Dictionary<long, InvoiceRecord> Invoices { get; } = [];

    public Task<IReadOnlyList<PaymentTransaction>> ListTransactionsAsync(
        TransactionFilter filter, long afterId, int limit, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<InvoiceRecord?> FindInvoiceAsync(long dealId, CancellationToken cancellationToken) =>
        Task.FromResult(Invoices.GetValueOrDefault(dealId));
}
