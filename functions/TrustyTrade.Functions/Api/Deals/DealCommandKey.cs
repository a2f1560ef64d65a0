using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using TrustyTrade.Core.Idempotency;

namespace TrustyTrade.Functions.Api.Deals;

/// <summary>
/// The Core idempotency key of a deal command sent through the API: the caller's Idempotency-Key under the caller's
/// name, so the deal moves once even if the API's own record of the request is lost, and two callers' keys never meet.
/// The client's key is hashed: it may be as long as Core's limit by itself.
/// </summary>
public static class DealCommandKey
{
    public static IdempotencyKey For(ApiCall call)
    {
        ArgumentNullException.ThrowIfNull(call);
        var key = call.Request.Headers[ApiEndpoint.IdempotencyKeyHeader].ToString();
        return IdempotencyKey.For($"api:{call.Caller.Id}", Base64Url.EncodeToString(SHA256.HashData(Encoding.UTF8.GetBytes(key))));
    }
}
