using TrustyTrade.Core.Payments.Reports;

namespace TrustyTrade.Functions.Api.Payments;

/// <summary>A deal's crypto invoice as the API shows it.</summary>
public sealed record InvoiceView(
    long DealId, string Address, string Network, ApiMoney Price, ApiMoney Received, int Deposits, int RequiredConfirmations, InvoiceState Status,
    DateTimeOffset CreatedAt)
{
    public static InvoiceView Of(InvoiceReport invoice)
    {
        ArgumentNullException.ThrowIfNull(invoice);
        return new(invoice.DealId, invoice.Address, invoice.Network, ApiMoney.Of(invoice.Price), ApiMoney.Of(invoice.Received), invoice.Deposits,
            invoice.RequiredConfirmations, invoice.State, invoice.CreatedAt);
    }
}
