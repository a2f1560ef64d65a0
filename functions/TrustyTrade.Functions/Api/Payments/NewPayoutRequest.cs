namespace TrustyTrade.Functions.Api.Payments;

/// <summary>A user's withdrawal: how much of which balance, to which EVM address (paid in USDT).</summary>
public sealed record NewPayoutRequest(ApiMoney Amount, string Address);
