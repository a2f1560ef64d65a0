using TrustyTrade.Core.Monetary;

namespace TrustyTrade.Core.Payments.Stars;

/// <summary>The Stars charge that paid a deal (its <c>transactions</c> row), with who paid it.</summary>
public sealed record StarsDealCharge(long DealId, string ChargeId, Money Amount, bool Refunded, long BuyerId, long BuyerTelegramId);
