using System.Globalization;
using System.Numerics;


namespace TrustyTrade.Infrastructure.Chain;

/// <summary>
/// Token (or coin) amounts between the chain's integer base units and Core's decimal units, exactly: a decimal is a
/// 96-bit integer with a power-of-ten scale, so base units and decimals map one to one without a double in between.
/// </summary>
internal static class TokenAmount
{
    /// <summary>Wei per coin: EVM coins have 18 decimals.</summary>
    public const int CoinDecimals = 18;

    public static decimal FromBaseUnits(BigInteger value, int decimals)
    {
        if (value.Sign < 0)
        {
            throw new OverflowException("A token amount can't be negative.");
        }

        // Above 96 bits a decimal can't hold it (about 7.9e28 base units, far beyond any real token supply).
        if (value.GetBitLength() > 96)
        {
            throw new OverflowException($"{value} base units do not fit a decimal.");
        }

        var bytes = new byte[12];
        value.TryWriteBytes(bytes, out _, isUnsigned: true, isBigEndian: false);
        return new decimal(
            BitConverter.ToInt32(bytes, 0), BitConverter.ToInt32(bytes, 4), BitConverter.ToInt32(bytes, 8),
            isNegative: false, scale: checked((byte)decimals));
    }

    /// <summary>The amount in base units; refuses a fraction finer than the token's decimals instead of rounding it away.</summary>
    public static BigInteger ToBaseUnits(decimal amount, int decimals, string parameterName)
    {
        if (amount <= 0)
        {
            throw new ArgumentOutOfRangeException(parameterName, "The amount must be positive.");
        }

        // Scale: the digits after the point. Drop trailing zeros (12.50 → 12.5) before comparing with the decimals.
        var normalized = amount / 1.000000000000000000000000000000000m;
        var scale = normalized.Scale;
        if (scale > decimals)
        {
            throw new ArgumentException($"The amount has {scale} decimals; the token has {decimals}.", parameterName);
        }

        var bits = decimal.GetBits(normalized);
        var integer = new BigInteger((uint)bits[0])
            | (new BigInteger((uint)bits[1]) << 32)
            | (new BigInteger((uint)bits[2]) << 64);
        return integer * BigInteger.Pow(10, decimals - scale);
    }

    /// <summary>Parses a JSON-RPC quantity or an ABI word ("0x…" hex) as an unsigned integer.</summary>
    public static BigInteger ParseHex(string hex)
    {
        var digits = hex.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? hex[2..] : hex;
        return digits.Length == 0 ? BigInteger.Zero : BigInteger.Parse("0" + digits, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
    }

    /// <summary>An unsigned integer as an ABI word: 64 hex digits, no 0x.</summary>
    public static string ToWord(BigInteger value) =>
        value.ToString("x", CultureInfo.InvariantCulture).TrimStart('0').PadLeft(64, '0');
}
