using TrustyTrade.Core.Ledger;
using TrustyTrade.Core.Monetary;

namespace TrustyTrade.Core.Deals.Disputes;

/// <summary>
/// A deal's dispute as an admin weighs it: who opened it, why and when, where the money is held, the deal's version
/// (what a decision must name), and, once decided, the outcome, the shares and the admin's note.
/// <see cref="Evidence"/> is filled when one dispute is read, empty in lists.
/// </summary>
public sealed record Dispute(
    long Id,
    long DealId,
    string Title,
    Money Price,
    long SellerId,
    long BuyerId,
    ActorKind OpenedByKind,
    long? OpenedBy,
    string Reason,
    LedgerAccountKind HeldIn,
    DisputeStatus Status,
    DateTimeOffset OpenedAt,
    int DealVersion,
    DisputeOutcome? Outcome,
    Money? SellerShare,
    Money? Fee,
    Money? BuyerShare,
    long? ResolvedBy,
    string? ResolutionNote,
    DateTimeOffset? ResolvedAt,
    IReadOnlyList<DisputeEvidence> Evidence);
