namespace TrustyTrade.Core.Notifications;

/// <summary>
/// What the delivery journal said when a sender asked to send a notification; for
/// <see cref="DeliveryClaimState.InFlight"/>, <c>RetryIn</c> is when the other sender's lease ends.
/// </summary>
public sealed record DeliveryClaim(DeliveryClaimState State, TimeSpan RetryIn)
{
    public static DeliveryClaim Claimed { get; } = new(DeliveryClaimState.Claimed, TimeSpan.Zero);

    public static DeliveryClaim AlreadySent { get; } = new(DeliveryClaimState.AlreadySent, TimeSpan.Zero);
}
