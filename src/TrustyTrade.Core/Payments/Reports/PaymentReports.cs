using Microsoft.Extensions.Options;
using TrustyTrade.Core.Monetary;
using TrustyTrade.Core.Payments.Chain;

namespace TrustyTrade.Core.Payments.Reports;

/// <summary>What the API shows of payments, with who may see what decided here rather than in each route.</summary>
public sealed class PaymentReports(IPaymentReportStore store, IOptions<ChainOptions> chain)
{
    public Task<IReadOnlyList<PaymentTransaction>> ListTransactionsAsync(
        TransactionFilter filter, long afterId, int limit, CancellationToken cancellationToken) =>
        store.ListTransactionsAsync(filter, afterId, limit, cancellationToken);

    /// <summary>
    /// The deal's invoice, or null when it has none or <paramref name="viewerId"/> (a user; null for admins and
    /// integrations) is not its buyer — a stranger can't tell a deal without an invoice from someone else's.
    /// </summary>
    public async Task<InvoiceReport?> FindInvoiceAsync(long dealId, long? viewerId, CancellationToken cancellationToken)
    {
        var invoice = await store.FindInvoiceAsync(dealId, cancellationToken).ConfigureAwait(false);
        if (invoice is null || (viewerId is { } viewer && viewer != invoice.BuyerId))
        {
            return null;
        }

        var state = invoice switch
        {
            { Settled: true } => InvoiceState.Settled,
            { Received: <= 0m } => InvoiceState.AwaitingPayment,
            _ when invoice.Received < invoice.Price => InvoiceState.PartlyPaid,
            _ => InvoiceState.Paid,
        };
        var options = chain.Value;
        return new InvoiceReport(
            invoice.DealId, invoice.Address, options.NetworkName, new Money(invoice.Price, Currency.USDT), new Money(invoice.Received, Currency.USDT),
            invoice.Deposits, options.Confirmations, state, invoice.CreatedAt);
    }
}
