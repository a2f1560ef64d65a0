using TrustyTrade.Core.Monetary;

namespace TrustyTrade.Core.Ledger;

/// <summary>The sum of some entries on one account in one currency.</summary>
public sealed record LedgerBalance(LedgerAccount Account, Money Balance);
