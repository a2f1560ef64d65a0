using System.Security.Cryptography;
using System.Text.Json;

namespace TrustyTrade.Functions.Api;

/// <summary>
/// ETags for resources without a version column: a hash of the representation, so any change a reader could see
/// changes the tag. Deals carry their version instead (<see cref="OfVersion"/>).
/// </summary>
public static class ApiETag
{
    public static string Of(object representation)
    {
        ArgumentNullException.ThrowIfNull(representation);
        var hash = SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(representation, representation.GetType(), ApiJson.Options));
        return $"\"{Convert.ToHexStringLower(hash.AsSpan(0, 12))}\"";
    }

    public static string OfVersion(int version) => $"\"v{version}\"";
}
