namespace TrustyTrade.Core.Monetary;

/// <summary>The currencies a listing can be priced in: Telegram Stars (XTR) or the USDT stablecoin on-chain.</summary>
public enum Currency
{
    XTR,
    USDT,
}
