namespace TrustyTrade.Core.Monetary;

public static class CurrencyExtensions
{
    /// <summary>Decimal places the currency is counted in: Stars are whole, USDT has 6 on-chain.</summary>
    public static int Decimals(this Currency currency) => currency switch
    {
        Currency.XTR => 0,
        Currency.USDT => 6,
        _ => throw new ArgumentOutOfRangeException(nameof(currency), currency, "unknown currency"),
    };

    public static string Code(this Currency currency) => currency switch
    {
        Currency.XTR => "XTR",
        Currency.USDT => "USDT",
        _ => throw new ArgumentOutOfRangeException(nameof(currency), currency, "unknown currency"),
    };

    public static bool TryParse(string? code, out Currency currency)
    {
        switch (code?.Trim().ToUpperInvariant())
        {
            case "XTR":
                currency = Currency.XTR;
                return true;
            case "USDT":
                currency = Currency.USDT;
                return true;
            default:
                currency = default;
                return false;
        }
    }

    public static Currency Parse(string code) =>
        TryParse(code, out var currency) ? currency : throw new FormatException($"unknown currency '{code}'");
}
