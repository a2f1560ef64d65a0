namespace TrustyTrade.Core.Deals;

/// <summary>Why a command was refused: stable codes the bot and the API turn into words and problem types.</summary>
public enum DealRefusalCode
{
    DealNotFound,
    NotAParty,
    NotAllowedForRole,
    NotAllowedInStatus,
    TooEarly,
    WarrantyOver,
    WrongAmount,
    WrongPaymentMethod,
    InvalidSplit,
    ReasonRequired,
    ListingUnavailable,
    OwnListing,
    UserBanned,
    UserNotFound,
    IdempotencyKeyReused,
}
