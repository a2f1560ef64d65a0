using TrustyTrade.Core.Monetary;

namespace TrustyTrade.Core.Ledger;

public sealed record LedgerEntry(LedgerAccount Account, Money Amount);
