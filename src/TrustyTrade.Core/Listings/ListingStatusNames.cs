namespace TrustyTrade.Core.Listings;

/// <summary>The stored names of <see cref="ListingStatus"/> (as in the database's check constraint).</summary>
public static class ListingStatusNames
{
    public static string ToName(this ListingStatus status) => status switch
    {
        ListingStatus.Draft => "draft",
        ListingStatus.PendingModeration => "pending_moderation",
        ListingStatus.Active => "active",
        ListingStatus.Reserved => "reserved",
        ListingStatus.Sold => "sold",
        ListingStatus.Removed => "removed",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "unknown listing status"),
    };

    public static ListingStatus Parse(string name) => name switch
    {
        "draft" => ListingStatus.Draft,
        "pending_moderation" => ListingStatus.PendingModeration,
        "active" => ListingStatus.Active,
        "reserved" => ListingStatus.Reserved,
        "sold" => ListingStatus.Sold,
        "removed" => ListingStatus.Removed,
        _ => throw new FormatException($"unknown listing status '{name}'"),
    };
}
