using TrustyTrade.Core.Ledger;

namespace TrustyTrade.Core.Deals;

/// <summary>
/// Where a deal's money is: the net of the deal's postings on each ledger account (what escrow or the warranty still
/// holds, what went to the seller, the buyer and the fees) and the entries themselves, oldest first.
/// </summary>
public sealed record DealEscrow(Deal Deal, IReadOnlyList<LedgerBalance> Balances, IReadOnlyList<DealLedgerEntry> Entries);
