namespace TrustyTrade.Core.Notifications;

public enum DeliveryClaimState
{
    /// <summary>This sender holds the lease and may send.</summary>
    Claimed,

    /// <summary>Another sender holds a lease on the same id right now.</summary>
    InFlight,

    /// <summary>Telegram accepted this notification before.</summary>
    AlreadySent,
}
