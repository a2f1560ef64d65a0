using TrustyTrade.Core.Bot.Conversations;
using TrustyTrade.Core.Monetary;

namespace TrustyTrade.Core.Tests.Bot;

public sealed class ScreensTests
{
    [Theory]
    [InlineData("1500", "1500")]
    [InlineData(" 1 500 ", "1500")]
    [InlineData("12,5", "12.5")]
    [InlineData("12.25", "12.25")]
    [InlineData("-5", "-5")]
    public void ParseAmount_ReadsWhatPeopleType(string typed, string expected) =>
        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), Screens.ParseAmount(typed));

    [Theory]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("1e9")]
    [InlineData("12.5.1")]
    [InlineData("99999999999999999999999999999999999")]
    public void ParseAmount_RefusesWhatIsNotAnAmount(string typed) => Assert.Null(Screens.ParseAmount(typed));

    [Fact]
    public void Price_ReadsStarsWholeAndUsdtWithoutTrailingZeros() =>
        Assert.Equal(("1500 ⭐", "12.5 USDT"), (Screens.Price(new Money(1500m, Currency.XTR)), Screens.Price(new Money(12.500000m, Currency.USDT))));

    [Theory]
    [InlineData("d:42", "d", 42L)]
    [InlineData("d:0", "d", null)]
    [InlineData("d:-1", "d", null)]
    [InlineData("dd:4", "d", null)]
    [InlineData("d:4x", "d", null)]
    public void Id_ReadsOnlyAPositiveIdAfterItsPrefix(string data, string prefix, long? expected) =>
        Assert.Equal(expected, Screens.Id(data, prefix));
}
