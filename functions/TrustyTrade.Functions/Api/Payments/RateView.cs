using System.Globalization;

namespace TrustyTrade.Functions.Api.Payments;

/// <summary>The rate Stars are paid out at: one XTR is <see cref="Rate"/> USDT (null until an admin sets one).</summary>
public sealed record RateView(string From, string To, string? Rate)
{
    // Six decimals at most (Core's rule); trailing zeros dropped so the ETag doesn't hang on the column's scale.
    public static RateView Of(decimal? rate) => new("XTR", "USDT", rate?.ToString("0.######", CultureInfo.InvariantCulture));
}
