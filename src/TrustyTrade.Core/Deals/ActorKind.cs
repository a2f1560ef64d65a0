namespace TrustyTrade.Core.Deals;

public enum ActorKind
{
    /// <summary>A Telegram user acting for themselves; whether buyer or seller follows from the deal.</summary>
    User,

    /// <summary>An admin acting from the panel.</summary>
    Admin,

    /// <summary>The platform itself: deadlines, payment confirmations, instant delivery.</summary>
    System,
}
