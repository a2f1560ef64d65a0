using TrustyTrade.Core.Monetary;
using TrustyTrade.Core.Payments.Payouts;

namespace TrustyTrade.Functions.Api.Payments;

/// <summary>What a user may withdraw in one currency: the total, and its parts (seller earnings, buyer refunds).</summary>
public sealed record BalanceLine(string Currency, string Available, string SellerEarnings, string BuyerRefunds)
{
    public static BalanceLine Of(Currency currency, PayoutBalance balance)
    {
        ArgumentNullException.ThrowIfNull(balance);
        return new(currency.Code(), Amount(balance.Total), Amount(balance.SellerAvailable), Amount(balance.BuyerRefunds));

        string Amount(decimal value) => ApiMoney.Of(value, currency).Amount;
    }
}
