namespace TrustyTrade.Functions.Api.Payments;

/// <summary>A new XTR→USDT payout rate, as a decimal string like the API's money.</summary>
public sealed record RateChange(string Rate);
