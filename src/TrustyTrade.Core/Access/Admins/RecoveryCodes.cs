using System.Security.Cryptography;
using System.Text;

namespace TrustyTrade.Core.Access.Admins;

/// <summary>
/// One-use codes for an admin who lost their authenticator: 10 characters (50 random bits) from an alphabet without
/// look-alikes (no I, O, 0, 1), shown as ABCDE-FGHJK, stored only as SHA-256 hashes.
/// </summary>
internal static class RecoveryCodes
{
    public const int Count = 10;

    private const int Length = 10;
    private const string Alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    public static IReadOnlyList<string> Generate() =>
        [.. Enumerable.Range(0, Count).Select(_ => RandomNumberGenerator.GetString(Alphabet, Length)).Select(code => code[..5] + "-" + code[5..])];

    /// <summary>The code as typed, without separators and in capitals; null when it can't be a recovery code.</summary>
    public static string? Normalize(string input)
    {
        var code = Compact(input);
        return code.Length == Length && code.All(c => Alphabet.Contains(c, StringComparison.Ordinal)) ? code : null;
    }

    /// <summary>A normalized or displayed code's hash, as stored.</summary>
    public static string Hash(string code) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(Compact(code))));

    /// <summary>What people type around a code: spaces and the dash, in either case.</summary>
    public static string Compact(string input) =>
        string.Concat(input.Where(c => c is not (' ' or '-'))).ToUpperInvariant();
}
