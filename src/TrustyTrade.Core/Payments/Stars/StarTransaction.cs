namespace TrustyTrade.Core.Payments.Stars;

/// <summary>
/// One of the bot's Star transactions as Telegram lists it. An incoming payment has the charge id as its id and the
/// payer as <paramref name="FromUserId"/>; its refund has the same id and the payer as <paramref name="ToUserId"/>.
/// </summary>
public sealed record StarTransaction(string Id, long Amount, DateTimeOffset Date, long? FromUserId, long? ToUserId)
{
    public bool IsIncomingPayment => FromUserId is not null;

    public bool IsRefund => ToUserId is not null;
}
