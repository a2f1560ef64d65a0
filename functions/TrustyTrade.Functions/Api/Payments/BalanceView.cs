namespace TrustyTrade.Functions.Api.Payments;

/// <summary>A user's withdrawable balance, one line per currency.</summary>
public sealed record BalanceView(IReadOnlyList<BalanceLine> Balances);
