using TrustyTrade.Core.Listings;

namespace TrustyTrade.Functions.Api.Accounts;

/// <summary>The one mapping from Core's listing refusals to problems, one stable type per code.</summary>
public static class ListingProblems
{
    public static ApiResult From(ListingRefusal refusal)
    {
        ArgumentNullException.ThrowIfNull(refusal);
        var (status, slug, title) = refusal.Code switch
        {
            ListingRefusalCode.NotFound => (404, "not-found", "Not found"),
            ListingRefusalCode.NotOwner => (403, "listing-not-owner", "Not your listing"),
            ListingRefusalCode.NotAdmin => (403, "forbidden", "Not allowed"),
            ListingRefusalCode.UserBanned => (403, "user-banned", "The account is blocked"),
            ListingRefusalCode.NotAllowedInStatus => (409, "listing-not-allowed-in-status", "Not possible in the listing's status"),
            ListingRefusalCode.InvalidGame => (422, "listing-invalid-game", "The game is not valid"),
            ListingRefusalCode.InvalidTitle => (422, "listing-invalid-title", "The title is not valid"),
            ListingRefusalCode.InvalidDescription => (422, "listing-invalid-description", "The description is not valid"),
            ListingRefusalCode.InvalidPrice => (422, "listing-invalid-price", "The price is not valid"),
            ListingRefusalCode.InvalidCredentials => (422, "listing-invalid-credentials", "The credentials are not valid"),
            ListingRefusalCode.InvalidQuery => (400, "invalid-request", "The request is not valid"),
            ListingRefusalCode.InvalidReason => (422, "listing-invalid-reason", "The reason is not valid"),
            _ => throw new ArgumentOutOfRangeException(nameof(refusal), refusal.Code, "unknown listing refusal"),
        };
        return ApiResult.Problem(ApiProblem.Of(status, slug, title, refusal.Detail));
    }
}
