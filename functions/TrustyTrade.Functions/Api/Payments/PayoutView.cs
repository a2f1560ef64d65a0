using System.Globalization;
using TrustyTrade.Core.Monetary;
using TrustyTrade.Core.Payments.Payouts;

namespace TrustyTrade.Functions.Api.Payments;

/// <summary>A payout as the API shows it: the USDT sent, what it was taken from, where to, and how far it got (no raw transaction).</summary>
public sealed record PayoutView(
    long Id, long UserId, ApiMoney Amount, ApiMoney Source, string? Rate, string Address, PayoutStatus Status, string? TxHash, long? BlockNumber)
{
    public static PayoutView Of(Payout payout)
    {
        ArgumentNullException.ThrowIfNull(payout);
        return new(
            payout.Id,
            payout.UserId,
            ApiMoney.Of(payout.Amount, Currency.USDT),
            ApiMoney.Of(payout.SourceAmount, payout.SourceCurrency),
            payout.Rate?.ToString("0.######", CultureInfo.InvariantCulture),
            payout.Address,
            payout.Status,
            payout.TxHash,
            payout.BlockNumber);
    }
}
