using TrustyTrade.Core.Deals;
using TrustyTrade.Core.Monetary;

namespace TrustyTrade.Infrastructure.Persistence.Escrow;

/// <summary>A <c>deals</c> row as Dapper reads it.</summary>
internal sealed record DealRow(
    long Id,
    long SellerId,
    long BuyerId,
    long AccountId,
    string EscrowStatus,
    decimal Amount,
    string Currency,
    decimal Fee,
    int WarrantyDays,
    int Version,
    DateTime CreatedAt,
    DateTime PaymentDueAt,
    DateTime? PaidAt,
    DateTime? DeliveryDueAt,
    DateTime? DeliveredAt,
    DateTime? InspectionEndsAt,
    DateTime? CompletedAt,
    DateTime? WarrantyEndsAt,
    DateTime? ClosedAt,
    string? DisputedFrom)
{
    public const string Columns = """
        id, seller_id, buyer_id, account_id, escrow_status, amount, currency, fee, warranty_days, version, created_at,
        payment_due_at, paid_at, delivery_due_at, delivered_at, inspection_ends_at, completed_at, warranty_ends_at,
        closed_at, disputed_from
        """;

    public Deal ToDeal()
    {
        var currency = CurrencyExtensions.Parse(Currency);
        return new Deal(
            Id, SellerId, BuyerId, AccountId, DealStatusNames.Parse(EscrowStatus),
            new Money(Amount, currency), new Money(Fee, currency), WarrantyDays, Version,
            Utc(CreatedAt), Utc(PaymentDueAt), Utc(PaidAt), Utc(DeliveryDueAt), Utc(DeliveredAt), Utc(InspectionEndsAt),
            Utc(CompletedAt), Utc(WarrantyEndsAt), Utc(ClosedAt),
            DisputedFrom is null ? null : DealStatusNames.Parse(DisputedFrom));
    }

    private static DateTimeOffset Utc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));

    private static DateTimeOffset? Utc(DateTime? value) => value is { } v ? Utc(v) : null;
}
