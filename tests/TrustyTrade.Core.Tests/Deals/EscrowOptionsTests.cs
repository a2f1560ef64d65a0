using System.Globalization;
using TrustyTrade.Core.Deals;
using TrustyTrade.Core.Monetary;

namespace TrustyTrade.Core.Tests.Deals;

/// <summary>The commission: a percent of the price with a per-currency minimum, in whole units, never above the price.</summary>
public sealed class EscrowOptionsTests
{
    [Theory]
    [InlineData(5, "200", "XTR", "10")]
    [InlineData(10, "200", "XTR", "20")]
    [InlineData(5, "50", "USDT", "2.5")]
    [InlineData(2.5, "80", "USDT", "2")]
    public void CommissionOn_PercentAboveTheMinimum_IsThePercentOfThePrice(double percent, string price, string currency, string expected)
    {
        var options = new EscrowOptions { CommissionPercent = (decimal)percent };

        Assert.Equal(Money(expected, currency), options.CommissionOn(Money(price, currency)));
    }

    [Theory]
    [InlineData("10", "XTR", "1")]
    [InlineData("1", "USDT", "0.1")]
    public void CommissionOn_PercentBelowTheMinimum_IsTheMinimum(string price, string currency, string expected)
    {
        var options = new EscrowOptions();

        Assert.Equal(Money(expected, currency), options.CommissionOn(Money(price, currency)));
    }

    [Theory]
    [InlineData("0.05", "USDT")]
    [InlineData("1", "XTR")]
    public void CommissionOn_MinimumAboveThePrice_IsThePrice(string price, string currency)
    {
        var options = new EscrowOptions();

        Assert.Equal(Money(price, currency), options.CommissionOn(Money(price, currency)));
    }

    [Fact]
    public void CommissionOn_RaisedXtrMinimumAboveThePrice_IsThePrice()
    {
        var options = new EscrowOptions { MinimumCommissionXtr = 5m };

        Assert.Equal(Money("3", "XTR"), options.CommissionOn(Money("3", "XTR")));
    }

    [Theory]
    [InlineData("62", "3")]
    [InlineData("78", "4")]
    [InlineData("70", "4")]
    [InlineData("30", "2")]
    public void CommissionOn_Xtr_RoundsToWholeStarsHalfAwayFromZero(string price, string expected)
    {
        var options = new EscrowOptions();

        Assert.Equal(Money(expected, "XTR"), options.CommissionOn(Money(price, "XTR")));
    }

    [Fact]
    public void CommissionOn_Usdt_RoundsToSixDecimals()
    {
        var options = new EscrowOptions();

        Assert.Equal(Money("0.506173", "USDT"), options.CommissionOn(Money("10.123457", "USDT")));
    }

    [Fact]
    public void CommissionOn_FractionalXtrMinimum_IsRoundedToWholeStars()
    {
        var options = new EscrowOptions { MinimumCommissionXtr = 1.5m };

        Assert.Equal(Money("2", "XTR"), options.CommissionOn(Money("10", "XTR")));
    }

    [Fact]
    public void Defaults_AreTheMarketplacesUsersKnow()
    {
        var options = new EscrowOptions();

        Assert.Equal(
            (TimeSpan.FromMinutes(30), TimeSpan.FromMinutes(60), TimeSpan.FromHours(48), TimeSpan.FromDays(3), 5),
            (options.PaymentWindow, options.CryptoPaymentWindow, options.DeliveryWindow, options.InspectionWindow, options.DefaultWarrantyDays));
    }

    [Theory]
    [InlineData("XTR", 30)]
    [InlineData("USDT", 60)]
    public void PaymentWindowFor_Currency_IsStarsOrCryptoWindow(string currency, int minutes)
    {
        var options = new EscrowOptions();

        Assert.Equal(TimeSpan.FromMinutes(minutes), options.PaymentWindowFor(CurrencyExtensions.Parse(currency)));
    }

    [Fact]
    public void Windows_Fractional_AreSecondScale()
    {
        var options = new EscrowOptions { PaymentWindowMinutes = 0.05, DeliveryWindowHours = 0.001 };

        Assert.Equal((TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(3.6)), (options.PaymentWindow, options.DeliveryWindow));
    }

    private static Money Money(string amount, string currency) =>
        new(decimal.Parse(amount, CultureInfo.InvariantCulture), CurrencyExtensions.Parse(currency));
}
