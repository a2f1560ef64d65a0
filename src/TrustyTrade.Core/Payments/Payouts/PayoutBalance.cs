namespace TrustyTrade.Core.Payments.Payouts;

/// <summary>What a user may withdraw in one currency: seller earnings and buyer refunds.</summary>
public sealed record PayoutBalance(decimal SellerAvailable, decimal BuyerRefunds)
{
    public decimal Total => SellerAvailable + BuyerRefunds;
}
