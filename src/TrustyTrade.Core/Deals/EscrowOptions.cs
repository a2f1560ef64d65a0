using System.ComponentModel.DataAnnotations;
using TrustyTrade.Core.Monetary;

namespace TrustyTrade.Core.Deals;

/// <summary>The marketplace's deadlines and commission. Deals take a snapshot of what applies when they reach each step.</summary>
public sealed class EscrowOptions
{
    public const string SectionName = "Escrow";

    // Windows are fractional so tests and staging can run a deal's deadlines in seconds.

    /// <summary>How long a buyer has to pay a Stars deal after pressing Buy.</summary>
    [Range(0.001, 24 * 60)]
    public double PaymentWindowMinutes { get; set; } = 30;

    /// <summary>How long a buyer has to pay a crypto (USDT) deal: a transfer needs confirmations on the chain.</summary>
    [Range(0.001, 24 * 60)]
    public double CryptoPaymentWindowMinutes { get; set; } = 60;

    /// <summary>How long a seller has to deliver after payment before the buyer may take a refund (G2G: 48 h).</summary>
    [Range(0.0001, 14 * 24)]
    public double DeliveryWindowHours { get; set; } = 48;

    /// <summary>How long a buyer has to inspect a delivery before it completes by itself (G2G: 3 days).</summary>
    [Range(0.0001, 14 * 24)]
    public double InspectionWindowHours { get; set; } = 72;

    /// <summary>Warranty after completion for games without their own setting (Eldorado: 5 days).</summary>
    [Range(0, 60)]
    public int DefaultWarrantyDays { get; set; } = 5;

    /// <summary>Platform commission, percent of the price, paid out of the seller's proceeds.</summary>
    [Range(typeof(decimal), "0", "50")]
    public decimal CommissionPercent { get; set; } = 5m;

    /// <summary>The least commission on a Stars deal (never more than the price).</summary>
    [Range(typeof(decimal), "0", "100000")]
    public decimal MinimumCommissionXtr { get; set; } = 1m;

    /// <summary>The least commission on a USDT deal (never more than the price).</summary>
    [Range(typeof(decimal), "0", "100000")]
    public decimal MinimumCommissionUsdt { get; set; } = 0.1m;

    public TimeSpan PaymentWindow => TimeSpan.FromMinutes(PaymentWindowMinutes);

    public TimeSpan CryptoPaymentWindow => TimeSpan.FromMinutes(CryptoPaymentWindowMinutes);

    /// <summary>The payment window of a deal priced in <paramref name="currency"/>: Stars pay XTR, the chain pays USDT.</summary>
    public TimeSpan PaymentWindowFor(Currency currency) => currency == Currency.XTR ? PaymentWindow : CryptoPaymentWindow;

    public TimeSpan DeliveryWindow => TimeSpan.FromHours(DeliveryWindowHours);

    public TimeSpan InspectionWindow => TimeSpan.FromHours(InspectionWindowHours);

    /// <summary>The commission on a price: percent with a minimum, rounded to the currency, never above the price.</summary>
    public Money CommissionOn(Money price)
    {
        var minimum = price.Currency == Currency.XTR ? MinimumCommissionXtr : MinimumCommissionUsdt;
        var fee = new Money(Math.Max(price.Amount * CommissionPercent / 100m, minimum), price.Currency).Rounded();
        return Money.Min(fee, price);
    }
}
