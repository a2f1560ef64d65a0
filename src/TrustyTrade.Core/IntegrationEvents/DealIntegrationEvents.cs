using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using TrustyTrade.Core.Deals;
using TrustyTrade.Core.Monetary;

namespace TrustyTrade.Core.IntegrationEvents;

/// <summary>
/// Which deal changes other systems hear of, and what they read: a pure mapping, written to the outbox by the store in
/// the transaction of the change. A delivery is the parties' business and no event; a refund decided in a dispute is
/// its <see cref="IntegrationEventTypes.DisputeResolved"/> (outcome <c>refund_to_buyer</c>), one event per change.
/// </summary>
public static class DealIntegrationEvents
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>The event of a deal just opened.</summary>
    public static IntegrationEvent Created(Deal deal)
    {
        ArgumentNullException.ThrowIfNull(deal);
        return Build(IntegrationEventTypes.DealCreated, deal, deal.CreatedAt, Data(deal) with { PaymentDueAt = deal.PaymentDueAt });
    }

    /// <summary>The event of an accepted transition, or null when other systems needn't hear of it.</summary>
    public static IntegrationEvent? For(DealTransition transition, DateTimeOffset occurredAt)
    {
        ArgumentNullException.ThrowIfNull(transition);
        var (before, after) = (transition.Before, transition.After);
        var data = Data(after);
        return transition.Command switch
        {
            ConfirmPayment pay => Build(IntegrationEventTypes.DealPaid, after, occurredAt, data with { PaymentMethod = pay.Method.ToName() }),
            ConfirmReceipt or AutoComplete => Build(IntegrationEventTypes.DealCompleted, after, occurredAt, data with { WarrantyEndsAt = after.WarrantyEndsAt }),
            ReleaseFunds => Build(IntegrationEventTypes.DealReleased, after, occurredAt, data),
            RefundUndelivered => Build(IntegrationEventTypes.DealRefunded, after, occurredAt, data),
            CancelDeal or ExpireDeal => Build(IntegrationEventTypes.DealCancelled, after, occurredAt, data),
            OpenDispute => Build(IntegrationEventTypes.DisputeOpened, after, occurredAt, data with
            {
                OpenedBy = RoleName(before.RoleOf(transition.Actor)),
                DisputedFrom = before.Status.ToName(),
            }),
            ResolveDispute when transition.Settlement is { } settlement => Build(IntegrationEventTypes.DisputeResolved, after, occurredAt, data with
            {
                Resolution = new DisputeResolutionData(
                    OutcomeName(settlement.Outcome), Amount(settlement.SellerShare), Amount(settlement.Fee), Amount(settlement.BuyerShare)),
            }),
            _ => null,
        };
    }

    private static DealEventData Data(Deal deal) => new(
        deal.Id, deal.Version, deal.Status.ToName(), deal.ListingId, deal.SellerId, deal.BuyerId,
        Amount(deal.Price), deal.Price.Currency.Code(), Amount(deal.Fee));

    private static IntegrationEvent Build(string type, Deal deal, DateTimeOffset occurredAt, DealEventData data) => new(
        IntegrationEvent.IdFor(type, deal.Id, deal.Version), type, deal.Id, deal.Version, occurredAt.ToUniversalTime(),
        JsonSerializer.Serialize(data, Json));

    /// <summary>A decimal string in the currency's precision: "100" Stars, "12.500000" USDT.</summary>
    private static string Amount(Money money) =>
        money.Amount.ToString($"F{money.Currency.Decimals()}", CultureInfo.InvariantCulture);

    private static string RoleName(DealRole role) => role switch
    {
        DealRole.Buyer => "buyer",
        DealRole.Seller => "seller",
        DealRole.Admin => "admin",
        _ => "system",
    };

    private static string OutcomeName(DisputeOutcome outcome) => outcome switch
    {
        DisputeOutcome.ReleaseToSeller => "release_to_seller",
        DisputeOutcome.RefundToBuyer => "refund_to_buyer",
        DisputeOutcome.Split => "split",
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, "unknown dispute outcome"),
    };
}
