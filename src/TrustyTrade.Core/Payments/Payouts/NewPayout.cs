using TrustyTrade.Core.Idempotency;
using TrustyTrade.Core.Ledger;
using TrustyTrade.Core.Monetary;

namespace TrustyTrade.Core.Payments.Payouts;

/// <summary>A checked payout request with its posting (balance → payout pending), ready to store in one transaction.</summary>
public sealed record NewPayout(
    long UserId, decimal Amount, string Address, Currency SourceCurrency, decimal SourceAmount, decimal? Rate, IdempotencyKey Key, LedgerPosting Posting);
