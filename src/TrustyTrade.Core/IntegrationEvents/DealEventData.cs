namespace TrustyTrade.Core.IntegrationEvents;

/// <summary>
/// The body of a deal's integration event. Amounts are decimal strings in the currency's precision (never floats);
/// the parts a type lacks are left out. Nothing secret or free-text: no credentials, no dispute reasons or notes, no
/// Telegram ids. The store adds <c>game</c>, the listing's game, which a transition doesn't carry.
/// </summary>
internal sealed record DealEventData(
    long DealId,
    int DealVersion,
    string Status,
    long ListingId,
    long SellerId,
    long BuyerId,
    string Amount,
    string Currency,
    string Fee,
    DateTimeOffset? PaymentDueAt = null,
    string? PaymentMethod = null,
    DateTimeOffset? WarrantyEndsAt = null,
    string? OpenedBy = null,
    string? DisputedFrom = null,
    DisputeResolutionData? Resolution = null);
