using System.Globalization;
using TrustyTrade.Core.Monetary;

namespace TrustyTrade.Functions.Api.Payments;

/// <summary>
/// Money as the API writes it: the amount as a decimal string (JSON numbers lose digits in many clients) and the
/// currency's code.
/// </summary>
public sealed record ApiMoney(string Amount, string Currency)
{
    private const int MaxAmountLength = 32;

    public static ApiMoney Of(Money money) => Of(money.Amount, money.Currency);

    public static ApiMoney Of(decimal amount, Currency currency) =>
        new(amount.ToString($"F{currency.Decimals().ToString(CultureInfo.InvariantCulture)}", CultureInfo.InvariantCulture), currency.Code());

    /// <summary>The money this stands for; an amount that is not a plain decimal or an unknown currency ends the request with 400.</summary>
    public Money ToMoney(string member)
    {
        var amount = ParseDecimal(Amount, $"{member}.amount");
        return Currency is "XTR" or "USDT"
            ? new Money(amount, CurrencyExtensions.Parse(Currency))
            : throw new ApiProblemException(ApiProblem.InvalidBody($"{member}.currency must be XTR or USDT"));
    }

    /// <summary>
    /// A non-negative decimal written plainly ("12.5"): no sign, exponent, spaces or thousands separators, and no larger
    /// than any money the API takes (<see cref="MoneyJsonConverter.MaxAmount"/>), so no conversion overflows.
    /// </summary>
    public static decimal ParseDecimal(string text, string member)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Length <= MaxAmountLength
               && decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value)
               && value <= MoneyJsonConverter.MaxAmount
            ? value
            : throw new ApiProblemException(ApiProblem.InvalidBody($"{member} must be a decimal number written as a string, like \"12.50\""));
    }
}
