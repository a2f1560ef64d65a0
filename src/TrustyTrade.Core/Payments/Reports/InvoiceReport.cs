using TrustyTrade.Core.Monetary;

namespace TrustyTrade.Core.Payments.Reports;

/// <summary>
/// A deal's crypto invoice as its buyer and admins see it: where to pay, on which network, how much is due and how
/// much arrived. A transfer counts once it has <paramref name="RequiredConfirmations"/> confirmations.
/// </summary>
public sealed record InvoiceReport(
    long DealId,
    string Address,
    string Network,
    Money Price,
    Money Received,
    int Deposits,
    int RequiredConfirmations,
    InvoiceState State,
    DateTimeOffset CreatedAt);
