using TrustyTrade.Core.Deals;
using TrustyTrade.Core.Deals.Disputes;
using TrustyTrade.Core.Ledger;
using TrustyTrade.Core.Monetary;
using TrustyTrade.Functions.Api.Escrow;

namespace TrustyTrade.Functions.Api.Deals;

/// <summary>
/// A dispute as the API shows it: Core's <see cref="Dispute"/> with the outcome named as a decision names it (release,
/// refund, split) and its age in hours: how long it has waited, or how long it waited once decided.
/// </summary>
public sealed record DisputeView(
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
    double AgeHours,
    int DealVersion,
    DisputeVerdict? Outcome,
    Money? SellerShare,
    Money? Fee,
    Money? BuyerShare,
    long? ResolvedBy,
    string? ResolutionNote,
    DateTimeOffset? ResolvedAt,
    IReadOnlyList<DisputeEvidence> Evidence)
{
    public static DisputeView From(Dispute dispute, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(dispute);
        var age = (dispute.ResolvedAt ?? now) - dispute.OpenedAt;
        return new DisputeView(
            dispute.Id, dispute.DealId, dispute.Title, dispute.Price, dispute.SellerId, dispute.BuyerId, dispute.OpenedByKind, dispute.OpenedBy,
            dispute.Reason, dispute.HeldIn, dispute.Status, dispute.OpenedAt, Math.Round(Math.Max(age.TotalHours, 0), 1), dispute.DealVersion,
            dispute.Outcome switch
            {
                null => null,
                DisputeOutcome.ReleaseToSeller => DisputeVerdict.Release,
                DisputeOutcome.RefundToBuyer => DisputeVerdict.Refund,
                _ => DisputeVerdict.Split,
            },
            dispute.SellerShare, dispute.Fee, dispute.BuyerShare, dispute.ResolvedBy, dispute.ResolutionNote, dispute.ResolvedAt, dispute.Evidence);
    }
}
