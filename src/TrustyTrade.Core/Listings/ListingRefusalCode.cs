namespace TrustyTrade.Core.Listings;

/// <summary>Why a listing request was refused: stable codes the bot and the API turn into words and problem types.</summary>
public enum ListingRefusalCode
{
    NotFound,
    NotOwner,
    NotAdmin,
    UserBanned,
    NotAllowedInStatus,
    InvalidGame,
    InvalidTitle,
    InvalidDescription,
    InvalidPrice,
    InvalidCredentials,
    InvalidQuery,

    /// <summary>A rejection without a reason the seller can act on (1–500 characters).</summary>
    InvalidReason,
}
