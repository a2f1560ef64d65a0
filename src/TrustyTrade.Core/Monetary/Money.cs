using System.Globalization;

namespace TrustyTrade.Core.Monetary;

/// <summary>An amount in one currency. Arithmetic across currencies throws: they are never mixed.</summary>
public readonly record struct Money(decimal Amount, Currency Currency)
{
    public static Money Zero(Currency currency) => new(0m, currency);

    public bool IsZero => Amount == 0m;

    /// <summary>True when the amount has no more decimals than the currency allows (whole Stars, 6 for USDT).</summary>
    public bool IsWellFormed => decimal.Round(Amount, Currency.Decimals()) == Amount;

    /// <summary>Rounds half away from zero to the currency's precision.</summary>
    public Money Rounded() => this with { Amount = decimal.Round(Amount, Currency.Decimals(), MidpointRounding.AwayFromZero) };

    public static Money operator +(Money left, Money right) => new(left.Amount + right.Amount, Same(left, right));

    public static Money operator -(Money left, Money right) => new(left.Amount - right.Amount, Same(left, right));

    public static Money operator -(Money value) => value with { Amount = -value.Amount };

    public static bool operator <(Money left, Money right) => Compare(left, right) < 0;

    public static bool operator >(Money left, Money right) => Compare(left, right) > 0;

    public static bool operator <=(Money left, Money right) => Compare(left, right) <= 0;

    public static bool operator >=(Money left, Money right) => Compare(left, right) >= 0;

    public Money Add(Money other) => this + other;

    public Money Subtract(Money other) => this - other;

    public Money Negate() => -this;

    public static Money Min(Money left, Money right) => left <= right ? left : right;

    public static Money Max(Money left, Money right) => left >= right ? left : right;

    public override string ToString() =>
        $"{Amount.ToString($"F{Currency.Decimals()}", CultureInfo.InvariantCulture)} {Currency.Code()}";

    private static int Compare(Money left, Money right)
    {
        Same(left, right);
        return left.Amount.CompareTo(right.Amount);
    }

    private static Currency Same(Money left, Money right) => left.Currency == right.Currency
        ? left.Currency
        : throw new InvalidOperationException($"cannot combine {left.Currency} with {right.Currency}");
}
