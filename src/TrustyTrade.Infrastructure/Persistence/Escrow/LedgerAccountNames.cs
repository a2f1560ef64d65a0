using TrustyTrade.Core.Ledger;

namespace TrustyTrade.Infrastructure.Persistence.Escrow;

/// <summary>The stored names of <see cref="LedgerAccountKind"/> (as in <c>ledger_entries</c>' check constraint).</summary>
internal static class LedgerAccountNames
{
    public static string ToName(this LedgerAccountKind kind) => kind switch
    {
        LedgerAccountKind.PaymentsReceived => "payments_received",
        LedgerAccountKind.Escrow => "escrow",
        LedgerAccountKind.WarrantyHold => "warranty_hold",
        LedgerAccountKind.SellerAvailable => "seller_available",
        LedgerAccountKind.BuyerRefunds => "buyer_refunds",
        LedgerAccountKind.PlatformFees => "platform_fees",
        LedgerAccountKind.PaidOut => "paid_out",
        LedgerAccountKind.Deposits => "deposits",
        LedgerAccountKind.PayoutPending => "payout_pending",
        LedgerAccountKind.CurrencyExchange => "currency_exchange",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown ledger account"),
    };

    public static LedgerAccountKind Parse(string name) =>
        Enum.GetValues<LedgerAccountKind>().Cast<LedgerAccountKind?>().FirstOrDefault(k => k!.Value.ToName() == name)
        ?? throw new FormatException($"unknown ledger account '{name}'");
}
