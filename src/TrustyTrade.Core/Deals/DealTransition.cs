using TrustyTrade.Core.Ledger;
using TrustyTrade.Core.Listings;

namespace TrustyTrade.Core.Deals;

/// <summary>
/// An accepted command and everything it changes, to be written in one transaction: the deal, the money
/// (a balanced posting), the listing, and the dispute record.
/// </summary>
public sealed record DealTransition(
    Deal Before,
    Deal After,
    DealCommand Command,
    Actor Actor,
    LedgerPosting? Posting,
    ListingStatus? ListingBecomes,
    DisputeSettlement? Settlement);
