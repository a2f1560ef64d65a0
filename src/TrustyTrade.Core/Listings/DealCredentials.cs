using TrustyTrade.Core.Vault;

namespace TrustyTrade.Core.Listings;

/// <summary>What deciding whether to show a deal's credentials needs: whose they are to see, since when, and the sealed secret.</summary>
public sealed record DealCredentials(long BuyerId, DateTimeOffset? DeliveredAt, long ListingId, EncryptedSecret? Secret);
