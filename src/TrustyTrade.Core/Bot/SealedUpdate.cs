using System.Buffers.Text;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using TrustyTrade.Core.Vault;

namespace TrustyTrade.Core.Bot;

/// <summary>
/// An admitted update as it waits on the queue: sealed by the vault (AES-256-GCM, bound to its update id), because what
/// people type can be a secret — a seller's login details for a delivery — and must not sit in storage in the clear,
/// in the queue for a moment or in its poison queue for good.
/// </summary>
public static class SealedUpdate
{
    /// <summary>
    /// The queue message: base64url, which JSON carries without escaping (base64's "+" would become "\u002B"). The
    /// trace context of the webhook's span (W3C <c>traceparent</c>), when there is one, rides in the clear: it says
    /// nothing about the update.
    /// </summary>
    public static string Seal(ICredentialVault vault, long updateId, string updateJson)
    {
        ArgumentNullException.ThrowIfNull(vault);
        var secret = vault.Encrypt(updateJson, Purpose(updateId));
        var traceParent = Activity.Current is { IdFormat: ActivityIdFormat.W3C } current ? current.Id : null;
        return JsonSerializer.Serialize(new Envelope(updateId, secret.KeyId, Base64Url.EncodeToString(secret.Ciphertext), traceParent));
    }

    /// <summary>The span context of the webhook that sealed <paramref name="message"/>, when it carried a valid one.</summary>
    public static ActivityContext? TraceContextOf(string message)
    {
        try
        {
            return JsonSerializer.Deserialize<Envelope>(message) is { TraceParent: { } traceParent }
                   && ActivityContext.TryParse(traceParent, null, isRemote: true, out var context)
                ? context
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The update's JSON, or null when the message is not a sealed update this vault opens (tampered, foreign, unknown key).</summary>
    public static string? TryOpen(ICredentialVault vault, string message)
    {
        ArgumentNullException.ThrowIfNull(vault);
        try
        {
            return JsonSerializer.Deserialize<Envelope>(message) is { UpdateId: > 0, KeyId: { } keyId, Ciphertext: { } ciphertext } envelope
                ? vault.Decrypt(new EncryptedSecret(keyId, Base64Url.DecodeFromChars(ciphertext)), Purpose(envelope.UpdateId))
                : null;
        }
        catch (Exception e) when (e is JsonException or FormatException or CredentialVaultException or ArgumentException)
        {
            return null;
        }
    }

    private static string Purpose(long updateId) => "telegram-update:" + updateId.ToString(CultureInfo.InvariantCulture);

    private sealed record Envelope(
        [property: JsonPropertyName("update_id")] long UpdateId,
        [property: JsonPropertyName("key_id")] string? KeyId,
        [property: JsonPropertyName("sealed")] string? Ciphertext,
        [property: JsonPropertyName("traceparent"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? TraceParent = null);
}
