using TrustyTrade.Core.Monetary;

namespace TrustyTrade.Core.Ledger;

/// <summary>One stored entry of a deal's postings: which posting (and its kind), the account, the amount, when.</summary>
public sealed record DealLedgerEntry(long Id, long PostingId, string Kind, LedgerAccount Account, Money Amount, DateTimeOffset At);
