using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace TrustyTrade.Core.IntegrationEvents;

/// <summary>
/// Something other systems may learn about a deal, kept in the outbox with the change itself and published later.
/// <paramref name="Data"/> is the JSON body subscribers read (the public contract: see the README's "Integration events").
/// </summary>
public sealed record IntegrationEvent(Guid Id, string Type, long DealId, int DealVersion, DateTimeOffset OccurredAt, string Data)
{
    /// <summary>
    /// The id of the event a deal's version produced: the same every time it is computed, so a replayed command (or a
    /// relay's second send) can't give one change two ids, and Service Bus's duplicate detection can drop a resend.
    /// A name-based UUID (RFC 9562 version 8) over SHA-256 of the type, deal and version.
    /// </summary>
    public static Guid IdFor(string type, long dealId, int dealVersion)
    {
        ArgumentException.ThrowIfNullOrEmpty(type);
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"trustytrade/{type}/{dealId}/{dealVersion}")), hash);
        var bytes = hash[..16];
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x80); // version 8
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80); // RFC variant
        return new Guid(bytes, bigEndian: true);
    }
}
