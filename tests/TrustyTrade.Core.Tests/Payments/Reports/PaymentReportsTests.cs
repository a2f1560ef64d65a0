using Microsoft.Extensions.Options;
using TrustyTrade.Core.Monetary;
using TrustyTrade.Core.Payments.Chain;
using TrustyTrade.Core.Payments.Reports;

namespace TrustyTrade.Core.Tests.Payments.Reports;

public sealed class PaymentReportsTests
{
    private const long DealId = 7;
    private const long BuyerId = 42;

    private readonly InMemoryPaymentReportStore _store = new();

    [Theory]
    [InlineData(0, false, InvoiceState.AwaitingPayment)]
    [InlineData(10, false, InvoiceState.PartlyPaid)]
    [InlineData(25, false, InvoiceState.Paid)]
    [InlineData(30, false, InvoiceState.Paid)]
    [InlineData(25, true, InvoiceState.Settled)]
    public async Task FindInvoice_ReceivedAgainstThePrice_GivesItsState(decimal received, bool settled, InvoiceState expected)
    {
        Invoice(received, settled);

        var invoice = await Reports().FindInvoiceAsync(DealId, null, CancellationToken.None);

        Assert.Equal(expected, invoice!.State);
    }

    [Fact]
    public async Task FindInvoice_ShowsTheNetworkAndConfirmationsTheAppUses()
    {
        Invoice(0m, settled: false);

        var invoice = await Reports().FindInvoiceAsync(DealId, BuyerId, CancellationToken.None);

        Assert.Equal(("BNB Smart Chain", 3, new Money(25m, Currency.USDT)), (invoice!.Network, invoice.RequiredConfirmations, invoice.Price));
    }

    [Fact]
    public async Task FindInvoice_ForAUserWhoIsNotTheBuyer_IsNone()
    {
        Invoice(0m, settled: false);

        Assert.Null(await Reports().FindInvoiceAsync(DealId, BuyerId + 1, CancellationToken.None));
    }

    private void Invoice(decimal received, bool settled) =>
        _store.Invoices[DealId] = new InvoiceRecord(DealId, BuyerId, "0x" + new string('a', 40), 25m, received, received > 0 ? 1 : 0, settled, DateTimeOffset.UnixEpoch);

    private PaymentReports Reports() =>
        new(_store, Options.Create(new ChainOptions { NetworkName = "BNB Smart Chain", Confirmations = 3 }));
}
