using System.Globalization;
using System.Text;

namespace TrustyTrade.Core.Listings;

/// <summary>
/// Where a page ended: the sort key of its last listing and that listing's id. Travels as an opaque URL-safe token.
/// </summary>
public sealed record ListingCursor(ListingSort Sort, decimal? Price, DateTimeOffset? CreatedAt, long Id)
{
    public static ListingCursor For(Listing listing, ListingSort sort)
    {
        ArgumentNullException.ThrowIfNull(listing);
        return sort == ListingSort.Newest
            ? new ListingCursor(sort, null, listing.CreatedAt, listing.Id)
            : new ListingCursor(sort, listing.Price.Amount, null, listing.Id);
    }

    public string Encode()
    {
        var key = Sort == ListingSort.Newest
            ? CreatedAt!.Value.UtcTicks.ToString(CultureInfo.InvariantCulture)
            : Price!.Value.ToString(CultureInfo.InvariantCulture);
        var raw = $"{(int)Sort}|{key}|{Id.ToString(CultureInfo.InvariantCulture)}";
        return Convert.ToBase64String(Encoding.UTF8.GetBytes(raw)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    /// <summary>Reads a token made by <see cref="Encode"/>; null when it is not one (tampered, truncated, other sort).</summary>
    public static ListingCursor? TryDecode(string? token, ListingSort expectedSort)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 100)
        {
            return null;
        }

        try
        {
            var base64 = token.Replace('-', '+').Replace('_', '/');
            base64 = base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '=');
            var parts = Encoding.UTF8.GetString(Convert.FromBase64String(base64)).Split('|');
            if (parts.Length != 3
                || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var sort)
                || sort != (int)expectedSort
                || !long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var id))
            {
                return null;
            }

            if (expectedSort == ListingSort.Newest)
            {
                return long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
                    && ticks <= DateTimeOffset.MaxValue.UtcTicks
                    ? new ListingCursor(expectedSort, null, new DateTimeOffset(ticks, TimeSpan.Zero), id)
                    : null;
            }

            return decimal.TryParse(parts[1], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var price)
                ? new ListingCursor(expectedSort, price, null, id)
                : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
