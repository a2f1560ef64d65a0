using System.Text.RegularExpressions;

namespace TrustyTrade.Infrastructure.Vault;

/// <summary>The parsed <see cref="VaultOptions.Keys"/>. Errors name the key id, never the key.</summary>
internal sealed partial class VaultKeyRing
{
    public const int KeySize = 32;

    private VaultKeyRing(IReadOnlyDictionary<string, byte[]> keys) => Keys = keys;

    public IReadOnlyDictionary<string, byte[]> Keys { get; }

    public static (VaultKeyRing? Ring, string? Error) Parse(VaultOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var keys = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var entry in (options.Keys ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var separator = entry.IndexOf('=', StringComparison.Ordinal);
            var id = separator > 0 ? entry[..separator] : "";
            if (!KeyId().IsMatch(id))
            {
                return (null, "Vault:Keys must be 'keyId=base64key' pairs separated by commas; key ids are 1–32 of [A-Za-z0-9_-]");
            }

            byte[] key;
            try
            {
                key = Convert.FromBase64String(entry[(separator + 1)..]);
            }
            catch (FormatException)
            {
                return (null, $"Vault:Keys: key '{id}' is not valid base64");
            }

            if (key.Length != KeySize)
            {
                return (null, $"Vault:Keys: key '{id}' must be {KeySize} bytes (AES-256), not {key.Length}");
            }

            if (!keys.TryAdd(id, key))
            {
                return (null, $"Vault:Keys: key id '{id}' appears twice");
            }
        }

        if (keys.Count == 0)
        {
            return (null, "Vault:Keys holds no key");
        }

        return keys.ContainsKey(options.ActiveKeyId ?? "")
            ? (new VaultKeyRing(keys), null)
            : (null, "Vault:ActiveKeyId is not one of the key ids in Vault:Keys");
    }

    [GeneratedRegex(@"^[A-Za-z0-9_-]{1,32}\z")]
    private static partial Regex KeyId();
}
