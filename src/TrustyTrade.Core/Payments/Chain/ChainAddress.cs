using System.Buffers;

namespace TrustyTrade.Core.Payments.Chain;

/// <summary>EVM addresses as Core speaks them: lower-case 0x followed by 40 hex digits.</summary>
public static class ChainAddress
{
    private static readonly SearchValues<char> HexDigits = SearchValues.Create("0123456789abcdefABCDEF");

    public static bool IsValid(string? address) =>
        address is { Length: 42 }
        && address.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
        && !address.AsSpan(2).ContainsAnyExcept(HexDigits);

    /// <summary>The lower-case form; throws on anything that is not an address.</summary>
    public static string Normalize(string address, string parameterName)
    {
        if (!IsValid(address))
        {
            throw new ArgumentException("Not an EVM address (0x and 40 hex digits).", parameterName);
        }

        return "0x" + address[2..].ToLowerInvariant();
    }

    /// <summary>An address taken from a 32-byte log topic or ABI word (the last 20 bytes).</summary>
    public static string FromWord(string word)
    {
        var hex = word.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? word[2..] : word;
        if (hex.Length != 64)
        {
            throw new FormatException($"A 32-byte word was expected, got {hex.Length / 2} bytes.");
        }

        return "0x" + hex[24..].ToLowerInvariant();
    }

    /// <summary>The address as an ABI word: 24 zero digits and the address's 40, no 0x.</summary>
    public static string ToWord(string normalizedAddress) => normalizedAddress[2..].PadLeft(64, '0');
}
