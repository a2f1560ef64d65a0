using TrustyTrade.Core.Idempotency;
using TrustyTrade.Core.Monetary;

namespace TrustyTrade.Core.Payments.Payouts;

/// <summary>A user asks for <paramref name="Amount"/> of their balance to be paid out in USDT to <paramref name="Address"/>.</summary>
public sealed record PayoutRequest(long UserId, Money Amount, string Address, IdempotencyKey Key);
