using TrustyTrade.Core.Monetary;

namespace TrustyTrade.Core.Tests;

public sealed class MoneyTests
{
    private static readonly Money FiveStars = new(5m, Currency.XTR);

    [Theory]
    [InlineData(3)]
    [InlineData(7)]
    public void Comparison_AcrossCurrencies_Throws(decimal usdt)
    {
        var dollars = new Money(usdt, Currency.USDT);

        Assert.Throws<InvalidOperationException>(() => FiveStars < dollars);
    }

    [Fact]
    public void Addition_AcrossCurrencies_Throws() =>
        Assert.Throws<InvalidOperationException>(() => FiveStars + new Money(1m, Currency.USDT));

    [Theory]
    [InlineData(5.0, Currency.XTR, true)]
    [InlineData(5.5, Currency.XTR, false)]
    [InlineData(0.000001, Currency.USDT, true)]
    [InlineData(0.0000001, Currency.USDT, false)]
    public void IsWellFormed_FollowsTheCurrencysPrecision(double amount, Currency currency, bool expected) =>
        Assert.Equal(expected, new Money((decimal)amount, currency).IsWellFormed);

    [Fact]
    public void ToString_ShowsTheCurrencysPrecision() =>
        Assert.Equal("1.500000 USDT", new Money(1.5m, Currency.USDT).ToString());
}
