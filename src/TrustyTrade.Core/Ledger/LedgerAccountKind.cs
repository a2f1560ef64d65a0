namespace TrustyTrade.Core.Ledger;

/// <summary>
/// The ledger's accounts. Balances are what the platform holds or owes, so money in from a buyer is a negative
/// entry on <see cref="PaymentsReceived"/> and a positive one on <see cref="Escrow"/>.
/// </summary>
public enum LedgerAccountKind
{
    /// <summary>Money that arrived from outside (Stars, chain); the counter-side of everything held.</summary>
    PaymentsReceived,

    /// <summary>A deal's paid money, held until the buyer has the account (owner: deal).</summary>
    Escrow,

    /// <summary>A completed deal's money, still held during the warranty (owner: deal).</summary>
    WarrantyHold,

    /// <summary>What a seller may withdraw (owner: user).</summary>
    SellerAvailable,

    /// <summary>What the platform owes a buyer back (owner: user).</summary>
    BuyerRefunds,

    /// <summary>The platform's commission.</summary>
    PlatformFees,

    /// <summary>
    /// Chain transfers that reached a deal's deposit address and are not applied yet (owner: deal): an underpayment
    /// waits here for the rest; at payment the price moves to escrow and any excess to the buyer.
    /// </summary>
    Deposits,

    /// <summary>Money sent out (seller withdrawals, refunds paid back); the counter-side of paying out.</summary>
    PaidOut,

    /// <summary>A requested payout, held from the user's balance until it is confirmed on chain or rejected (owner: user).</summary>
    PayoutPending,

    /// <summary>
    /// The platform's side of converting Stars earnings to USDT at an admin's rate: Stars come in, USDT go out, so each
    /// currency of a conversion balances on its own.
    /// </summary>
    CurrencyExchange,
}
