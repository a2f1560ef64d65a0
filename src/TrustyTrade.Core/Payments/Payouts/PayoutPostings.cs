using TrustyTrade.Core.Ledger;
using TrustyTrade.Core.Monetary;

namespace TrustyTrade.Core.Payments.Payouts;

/// <summary>The ledger side of payouts: the conversion of Stars to USDT and the postings a payout makes.</summary>
public static class PayoutPostings
{
    public const string Requested = "payout_requested";
    public const string Rejected = "payout_rejected";
    public const string PaidOut = "payout_paid";

    /// <summary>
    /// <paramref name="stars"/> at <paramref name="rate"/> USDT per Star, rounded down to the USDT unit: the platform
    /// never pays out a fraction of a cent it was not owed.
    /// </summary>
    public static decimal ToUsdt(decimal stars, decimal rate)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rate);
        var scale = 1_000_000m;
        return decimal.Floor(stars * rate * scale) / scale;
    }

    /// <summary>
    /// Moves <paramref name="amount"/> from the user's balance (seller earnings first, then refunds owed) to payout
    /// pending. Stars pass through <see cref="LedgerAccount.CurrencyExchange"/>: it takes the Stars and gives
    /// <paramref name="usdt"/>, so each currency balances on its own. The caller checked the balance covers it.
    /// </summary>
    public static LedgerPosting Request(long userId, Money amount, PayoutBalance balance, decimal usdt)
    {
        ArgumentNullException.ThrowIfNull(balance);
        var fromEarnings = Math.Clamp(balance.SellerAvailable, 0m, amount.Amount);
        var fromRefunds = amount.Amount - fromEarnings;
        var pending = LedgerAccount.PayoutPending(userId);
        var target = amount.Currency == Currency.USDT ? pending : LedgerAccount.CurrencyExchange;
        var entries = new List<LedgerEntry>();
        if (fromEarnings != 0m)
        {
            entries.Add(new(LedgerAccount.SellerAvailable(userId), new Money(-fromEarnings, amount.Currency)));
        }

        if (fromRefunds != 0m)
        {
            entries.Add(new(LedgerAccount.BuyerRefunds(userId), new Money(-fromRefunds, amount.Currency)));
        }

        entries.Add(new(target, amount));
        if (amount.Currency != Currency.USDT)
        {
            entries.Add(new(LedgerAccount.CurrencyExchange, new Money(-usdt, Currency.USDT)));
            entries.Add(new(pending, new Money(usdt, Currency.USDT)));
        }

        return new LedgerPosting(Requested, entries);
    }

    /// <summary>A confirmed payout leaves the platform: payout pending → paid out.</summary>
    public static LedgerPosting Paid(long userId, decimal usdt) =>
        LedgerPosting.Transfer(PaidOut, LedgerAccount.PayoutPending(userId), (LedgerAccount.PaidOut, new Money(usdt, Currency.USDT)));
}
