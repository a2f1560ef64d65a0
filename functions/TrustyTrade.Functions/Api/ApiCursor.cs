using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace TrustyTrade.Functions.Api;

/// <summary>
/// Page cursors: opaque to clients (base64url of <c>v1:{id}</c>), keyset underneath, so a page never skips or repeats
/// a row when rows are added meanwhile.
/// </summary>
public static class ApiCursor
{
    public static string Encode(long id) => Base64Url.EncodeToString(Encoding.ASCII.GetBytes($"v1:{id.ToString(CultureInfo.InvariantCulture)}"));

    public static long? Decode(string cursor)
    {
        if (cursor.Length > 40 || !Base64Url.IsValid(cursor))
        {
            return null;
        }

        var text = Encoding.ASCII.GetString(Base64Url.DecodeFromChars(cursor));
        return text.StartsWith("v1:", StringComparison.Ordinal)
               && long.TryParse(text.AsSpan(3), NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0
            ? id
            : null;
    }

    /// <summary>The cursor of the next page: the last item's id when the page is full, else none.</summary>
    public static string? Next<T>(IReadOnlyList<T> page, int limit, Func<T, long> id)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(id);
        return page.Count == limit && page.Count > 0 ? Encode(id(page[^1])) : null;
    }
}
