using TrustyTrade.Core.Deals;

namespace TrustyTrade.Functions.Api.Deals;

/// <summary>
/// The one mapping from Core's deal refusals to problems: each code has its own stable type, so a client branches on
/// the type and every deal or escrow route answers a refusal the same way.
/// </summary>
public static class DealProblems
{
    public static ApiResult From(DealRefusal refusal)
    {
        ArgumentNullException.ThrowIfNull(refusal);
        var (status, slug, title) = refusal.Code switch
        {
            DealRefusalCode.DealNotFound => (404, "not-found", "Not found"),
            DealRefusalCode.NotAParty => (403, "deal-not-a-party", "Not a party to this deal"),
            DealRefusalCode.NotAllowedForRole => (403, "deal-not-allowed-for-role", "Not allowed in this role"),
            DealRefusalCode.NotAllowedInStatus => (409, "deal-not-allowed-in-status", "Not possible in the deal's status"),
            DealRefusalCode.TooEarly => (409, "deal-too-early", "Too early"),
            DealRefusalCode.WarrantyOver => (409, "deal-warranty-over", "The warranty is over"),
            DealRefusalCode.WrongAmount => (422, "deal-wrong-amount", "Wrong amount"),
            DealRefusalCode.WrongPaymentMethod => (422, "deal-wrong-payment-method", "Wrong payment method"),
            DealRefusalCode.InvalidSplit => (422, "deal-invalid-split", "The split is not valid"),
            DealRefusalCode.ReasonRequired => (422, "deal-reason-required", "A reason is required"),
            DealRefusalCode.ListingUnavailable => (409, "listing-unavailable", "The listing is not for sale"),
            DealRefusalCode.OwnListing => (422, "deal-own-listing", "Nobody buys their own listing"),
            DealRefusalCode.UserBanned => (403, "user-banned", "The account is blocked"),
            DealRefusalCode.UserNotFound => (422, "deal-user-not-found", "No such user"),
            DealRefusalCode.IdempotencyKeyReused => (422, "idempotency-key-reused", "Idempotency-Key reused"),
            _ => throw new ArgumentOutOfRangeException(nameof(refusal), refusal.Code, "unknown deal refusal"),
        };
        return ApiResult.Problem(ApiProblem.Of(status, slug, title, refusal.Detail));
    }
}
