using TrustyTrade.Core.Monetary;

namespace TrustyTrade.Core.Deals;

public static class PaymentMethodExtensions
{
    /// <summary>Stars pay XTR listings, the chain pays USDT ones; never the other way round.</summary>
    public static Currency Currency(this PaymentMethod method) => method switch
    {
        PaymentMethod.TelegramStars => Monetary.Currency.XTR,
        PaymentMethod.Crypto => Monetary.Currency.USDT,
        _ => throw new ArgumentOutOfRangeException(nameof(method), method, "unknown payment method"),
    };

    public static string ToName(this PaymentMethod method) => method switch
    {
        PaymentMethod.TelegramStars => "telegram_stars",
        PaymentMethod.Crypto => "crypto",
        _ => throw new ArgumentOutOfRangeException(nameof(method), method, "unknown payment method"),
    };
}
