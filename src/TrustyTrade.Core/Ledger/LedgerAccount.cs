namespace TrustyTrade.Core.Ledger;

/// <summary>One ledger account: a kind and, for per-deal or per-user accounts, its owner.</summary>
public sealed record LedgerAccount(LedgerAccountKind Kind, long? OwnerId)
{
    public static LedgerAccount PaymentsReceived { get; } = new(LedgerAccountKind.PaymentsReceived, null);

    public static LedgerAccount PlatformFees { get; } = new(LedgerAccountKind.PlatformFees, null);

    public static LedgerAccount PaidOut { get; } = new(LedgerAccountKind.PaidOut, null);

    public static LedgerAccount CurrencyExchange { get; } = new(LedgerAccountKind.CurrencyExchange, null);

    public static LedgerAccount Escrow(long dealId) => new(LedgerAccountKind.Escrow, dealId);

    public static LedgerAccount Deposits(long dealId) => new(LedgerAccountKind.Deposits, dealId);

    public static LedgerAccount WarrantyHold(long dealId) => new(LedgerAccountKind.WarrantyHold, dealId);

    public static LedgerAccount SellerAvailable(long userId) => new(LedgerAccountKind.SellerAvailable, userId);

    public static LedgerAccount BuyerRefunds(long userId) => new(LedgerAccountKind.BuyerRefunds, userId);

    public static LedgerAccount PayoutPending(long userId) => new(LedgerAccountKind.PayoutPending, userId);
}
