using TrustyTrade.Core.Listings;
using TrustyTrade.Core.Monetary;

namespace TrustyTrade.Infrastructure.Persistence;

/// <summary>An <c>accounts</c> row as Dapper reads it (never the credentials themselves).</summary>
internal sealed record ListingRow(
    long Id,
    long UserId,
    string Game,
    string Title,
    string Description,
    decimal Price,
    string Currency,
    string Status,
    bool HasCredentials,
    DateTime CreatedAt,
    string? RejectionReason)
{
    public const string Columns =
        "id, user_id, game, title, description, price, currency, status, credentials IS NOT NULL AS has_credentials, created_at, rejection_reason";

    public Listing ToListing() => new(
        Id, UserId, Game, Title, Description, new Money(Price, CurrencyExtensions.Parse(Currency)),
        ListingStatusNames.Parse(Status), HasCredentials, new DateTimeOffset(DateTime.SpecifyKind(CreatedAt, DateTimeKind.Utc)), RejectionReason);
}
