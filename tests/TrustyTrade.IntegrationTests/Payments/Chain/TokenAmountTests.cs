using System.Globalization;
using System.Numerics;
using TrustyTrade.Infrastructure.Chain;

namespace TrustyTrade.IntegrationTests.Payments.Chain;

/// <summary>Base units and decimals map one to one: no double, no rounding, and a fraction too fine is refused.</summary>
public sealed class TokenAmountTests
{
    public static TheoryData<string, int, decimal> Pairs => new()
    {
        { "12345678", 6, 12.345678m },
        { "1", 6, 0.000001m },
        { "100000000000000000", 6, 100_000_000_000m },
        { "123456789012345678", 18, 0.123456789012345678m },
        { "79228162514264337593543950335", 0, decimal.MaxValue },
    };

    [Theory]
    [MemberData(nameof(Pairs))]
    public void FromBaseUnits_IsExact(string units, int decimals, decimal expected)
    {
        Assert.Equal(expected, TokenAmount.FromBaseUnits(BigInteger.Parse(units, CultureInfo.InvariantCulture), decimals));
    }

    [Theory]
    [MemberData(nameof(Pairs))]
    public void ToBaseUnits_IsExact(string expected, int decimals, decimal amount)
    {
        Assert.Equal(BigInteger.Parse(expected, CultureInfo.InvariantCulture), TokenAmount.ToBaseUnits(amount, decimals, "amount"));
    }

    [Fact]
    public void ToBaseUnits_TrailingZerosBeyondTheDecimals_AreNotAFraction()
    {
        Assert.Equal(new BigInteger(12_500_000), TokenAmount.ToBaseUnits(12.50000000m, 6, "amount"));
    }

    [Fact]
    public void ToBaseUnits_FinerThanTheDecimals_Throws()
    {
        Assert.Throws<ArgumentException>(() => TokenAmount.ToBaseUnits(0.0000001m, 6, "amount"));
    }

    [Fact]
    public void ToBaseUnits_Zero_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => TokenAmount.ToBaseUnits(0m, 6, "amount"));
    }

    [Fact]
    public void FromBaseUnits_BeyondADecimal_Throws()
    {
        Assert.Throws<OverflowException>(() => TokenAmount.FromBaseUnits(BigInteger.Pow(2, 96), 6));
    }

    [Fact]
    public void ToWord_PadsTo32Bytes()
    {
        Assert.Equal(new string('0', 62) + "ff", TokenAmount.ToWord(255));
    }
}
