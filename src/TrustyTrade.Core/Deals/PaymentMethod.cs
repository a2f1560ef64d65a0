namespace TrustyTrade.Core.Deals;

public enum PaymentMethod
{
    TelegramStars,
    Crypto,
}
