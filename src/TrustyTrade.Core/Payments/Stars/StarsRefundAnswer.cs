namespace TrustyTrade.Core.Payments.Stars;

public enum StarsRefundAnswer
{
    /// <summary>Telegram took the refund now.</summary>
    Refunded,

    /// <summary>Telegram says the charge was refunded before (CHARGE_ALREADY_REFUNDED): a repeat of a refund that went through.</summary>
    AlreadyRefunded,
}
