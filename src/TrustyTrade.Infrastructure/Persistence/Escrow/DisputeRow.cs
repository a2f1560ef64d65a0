using TrustyTrade.Core.Deals;
using TrustyTrade.Core.Deals.Disputes;
using TrustyTrade.Core.Monetary;

namespace TrustyTrade.Infrastructure.Persistence.Escrow;

/// <summary>A <c>disputes</c> row with its deal's price, parties, version and listing title, as Dapper reads it.</summary>
internal sealed record DisputeRow(
    long Id,
    long DealId,
    string Title,
    decimal Amount,
    string Currency,
    long SellerId,
    long BuyerId,
    string OpenedByKind,
    long? OpenedBy,
    string Reason,
    string HeldIn,
    string Status,
    DateTime CreatedAt,
    int Version,
    string? Outcome,
    decimal? SellerShare,
    decimal? Fee,
    decimal? BuyerShare,
    long? ResolvedBy,
    string? ResolutionNote,
    DateTime? ResolvedAt)
{
    public const string Select = """
        SELECT x.id, x.deal_id, a.title, d.amount, d.currency, d.seller_id, d.buyer_id, x.opened_by_kind, x.opened_by, x.reason,
               x.held_in, x.status, x.created_at, d.version, x.outcome, x.seller_share, x.fee, x.buyer_share, x.resolved_by,
               x.resolution_note, x.resolved_at
        FROM disputes x JOIN deals d ON d.id = x.deal_id JOIN accounts a ON a.id = d.account_id
        """;

    public Dispute ToDispute(IReadOnlyList<DisputeEvidence> evidence)
    {
        var currency = CurrencyExtensions.Parse(Currency);
        Money? Of(decimal? amount) => amount is { } value ? new Money(value, currency) : null;
        return new Dispute(
            Id, DealId, Title, new Money(Amount, currency), SellerId, BuyerId, Enum.Parse<ActorKind>(OpenedByKind, ignoreCase: true), OpenedBy,
            Reason, LedgerAccountNames.Parse(HeldIn), Status == "open" ? DisputeStatus.Open : DisputeStatus.Resolved,
            PostgresDealReader.Utc(CreatedAt), Version, Outcome is null ? null : DisputeOutcomeNames.Parse(Outcome),
            Of(SellerShare), Of(Fee), Of(BuyerShare), ResolvedBy, ResolutionNote,
            ResolvedAt is { } resolved ? PostgresDealReader.Utc(resolved) : null, evidence);
    }
}
