using TrustyTrade.Core.Monetary;

namespace TrustyTrade.Core.Payments.Stars;

/// <summary>A successful Stars payment no deal could take: what it takes to give it back, and why it was not applied.</summary>
public sealed record UnmatchedStarsPayment(string ChargeId, long PayerTelegramId, Money Amount, long? DealId, string Reason);
