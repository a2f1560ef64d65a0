using System.Text.Json;
using TrustyTrade.Core.Deals;
using TrustyTrade.Core.IntegrationEvents;
using TrustyTrade.Core.Monetary;
using TrustyTrade.Core.Tests.Deals;

namespace TrustyTrade.Core.Tests.IntegrationEvents;

/// <summary>Which deal changes become integration events, and what their bodies say (and never say).</summary>
public sealed class DealIntegrationEventsTests
{
    private const string SecretReason = "login seller@example.com password hunter2";
    private const string SecretNote = "the buyer's screenshot shows the password";

    private static readonly EscrowOptions Policy = new();
    private static readonly DateTimeOffset YearLater = DealBuilder.Start.AddYears(1);
    private static readonly Actor Admin = Actor.Admin(99);

    /// <summary>Every accepted command the state machine knows, by name, from the status it applies to.</summary>
    public static TheoryData<string, string?> CommandTypes => new()
    {
        { "confirm_payment", IntegrationEventTypes.DealPaid },
        { "confirm_receipt", IntegrationEventTypes.DealCompleted },
        { "auto_complete", IntegrationEventTypes.DealCompleted },
        { "release", IntegrationEventTypes.DealReleased },
        { "refund_undelivered", IntegrationEventTypes.DealRefunded },
        { "cancel", IntegrationEventTypes.DealCancelled },
        { "expire", IntegrationEventTypes.DealCancelled },
        { "open_dispute", IntegrationEventTypes.DisputeOpened },
        { "resolve_dispute", IntegrationEventTypes.DisputeResolved },
        { "deliver", null },
    };

    [Theory]
    [MemberData(nameof(CommandTypes))]
    public void For_EachCommand_GivesItsEventType(string command, string? type)
    {
        var raised = DealIntegrationEvents.For(Transition(command), YearLater);

        Assert.Equal(type, raised?.Type);
    }

    [Theory]
    [MemberData(nameof(CommandTypes))]
    public void For_EachEvent_CarriesTheDealsIdAndNewVersion(string command, string? type)
    {
        var transition = Transition(command);

        var raised = DealIntegrationEvents.For(transition, YearLater);

        (long, int)? expected = type is null ? null : (transition.After.Id, transition.After.Version);
        (long, int)? actual = raised is null ? null : (raised.DealId, raised.DealVersion);
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void Created_IsDealCreatedAtTheDealsCreationWithItsPaymentDeadline()
    {
        var deal = DealBuilder.InStatus(DealStatus.AwaitingPayment).Build();

        var raised = DealIntegrationEvents.Created(deal);

        Assert.Equal(
            (IntegrationEventTypes.DealCreated, deal.CreatedAt, deal.PaymentDueAt),
            (raised.Type, raised.OccurredAt, Data(raised).GetProperty("paymentDueAt").GetDateTimeOffset()));
    }

    [Fact]
    public void Created_DataHasTheDealsPublicFieldsOnly()
    {
        var raised = DealIntegrationEvents.Created(DealBuilder.InStatus(DealStatus.AwaitingPayment).Build());

        Assert.Equal(
            ["amount", "buyerId", "currency", "dealId", "dealVersion", "fee", "listingId", "paymentDueAt", "sellerId", "status"],
            Fields(raised));
    }

    [Theory]
    [InlineData("confirm_payment", "paymentMethod")]
    [InlineData("confirm_receipt", "warrantyEndsAt")]
    [InlineData("open_dispute", "disputedFrom,openedBy")]
    [InlineData("resolve_dispute", "resolution")]
    [InlineData("refund_undelivered", "")]
    [InlineData("cancel", "")]
    [InlineData("release", "")]
    public void For_EachType_AddsOnlyItsOwnFieldsToTheCommonOnes(string command, string extra)
    {
        string[] common = ["amount", "buyerId", "currency", "dealId", "dealVersion", "fee", "listingId", "sellerId", "status"];

        var raised = DealIntegrationEvents.For(Transition(command), YearLater)!;

        Assert.Equal([.. common.Concat(extra.Split(',', StringSplitOptions.RemoveEmptyEntries)).Order(StringComparer.Ordinal)], Fields(raised));
    }

    [Fact]
    public void For_Amounts_AreDecimalStringsInTheCurrencysPrecision()
    {
        var deal = DealBuilder.InStatus(DealStatus.AwaitingPayment).InUsdt(12.5m, 0.625m).Build();
        var transition = Decide(deal, new ConfirmPayment(deal.Price, PaymentMethod.Crypto, "0xabc"), Actor.System, YearLater);

        var data = Data(DealIntegrationEvents.For(transition, YearLater)!);

        Assert.Equal(("12.500000", "0.625000", "USDT"),
            (data.GetProperty("amount").GetString(), data.GetProperty("fee").GetString(), data.GetProperty("currency").GetString()));
    }

    [Fact]
    public void For_ResolvedSplit_CarriesTheOutcomeAndShares()
    {
        var deal = DealBuilder.InStatus(DealStatus.Disputed).Build();
        var transition = Decide(deal, new ResolveDispute(DisputeOutcome.Split, new Money(40m, Currency.XTR), SecretNote), Admin, YearLater);

        var resolution = Data(DealIntegrationEvents.For(transition, YearLater)!).GetProperty("resolution");

        Assert.Equal(
            """{"outcome":"split","sellerShare":"40","fee":"2","buyerShare":"60"}""",
            resolution.GetRawText());
    }

    [Fact]
    public void For_DisputeOpenedBySeller_SaysTheSellerOpenedItFromDelivered()
    {
        var deal = DealBuilder.InStatus(DealStatus.Delivered).Build();
        var transition = Decide(deal, new OpenDispute(SecretReason), Actor.User(deal.SellerId), YearLater);

        var data = Data(DealIntegrationEvents.For(transition, YearLater)!);

        Assert.Equal(("seller", "delivered"), (data.GetProperty("openedBy").GetString(), data.GetProperty("disputedFrom").GetString()));
    }

    [Theory]
    [InlineData("open_dispute")]
    [InlineData("resolve_dispute")]
    [InlineData("cancel")]
    [InlineData("refund_undelivered")]
    [InlineData("confirm_payment")]
    public void For_Data_HoldsNoReasonNoteOrPaymentReference(string command)
    {
        var raised = DealIntegrationEvents.For(Transition(command), YearLater)!;
        string[] secrets = [SecretReason, SecretNote, "charge-secret-ref"];

        Assert.DoesNotContain(secrets, secret => raised.Data.Contains(secret, StringComparison.Ordinal));
    }

    [Fact]
    public void For_SameTransitionTwice_GivesTheSameId()
    {
        var transition = Transition("confirm_payment");

        Assert.Equal(DealIntegrationEvents.For(transition, YearLater)!.Id, DealIntegrationEvents.For(transition, YearLater.AddHours(1))!.Id);
    }

    [Fact]
    public void IdFor_DiffersByTypeDealAndVersion()
    {
        Guid[] ids =
        [
            IntegrationEvent.IdFor(IntegrationEventTypes.DealPaid, 1, 1),
            IntegrationEvent.IdFor(IntegrationEventTypes.DealCancelled, 1, 1),
            IntegrationEvent.IdFor(IntegrationEventTypes.DealPaid, 2, 1),
            IntegrationEvent.IdFor(IntegrationEventTypes.DealPaid, 1, 2),
        ];

        Assert.Equal(ids.Length, ids.Distinct().Count());
    }

    [Fact]
    public void IdFor_IsAVersion8Uuid()
    {
        var id = IntegrationEvent.IdFor(IntegrationEventTypes.DealPaid, 1, 1).ToString();

        Assert.Equal(('8', true), (id[14], "89ab".Contains(id[19], StringComparison.Ordinal)));
    }

    [Fact]
    public void For_OccurredAt_IsTheGivenMomentInUtc()
    {
        var at = new DateTimeOffset(2027, 1, 2, 15, 0, 0, TimeSpan.FromHours(3));

        var raised = DealIntegrationEvents.For(Transition("confirm_payment"), at)!;

        Assert.Equal((at, TimeSpan.Zero), (raised.OccurredAt, raised.OccurredAt.Offset));
    }

    /// <summary>A transition the state machine accepts for <paramref name="command"/>, from the status it applies to.</summary>
    private static DealTransition Transition(string command) => command switch
    {
        "confirm_payment" => Decide(DealStatus.AwaitingPayment, new ConfirmPayment(new Money(100m, Currency.XTR), PaymentMethod.TelegramStars, "charge-secret-ref"), Actor.System),
        "cancel" => Decide(DealStatus.AwaitingPayment, new CancelDeal(SecretReason), Actor.User(DealBuilder.DefaultBuyerId)),
        "expire" => Decide(DealStatus.AwaitingPayment, new ExpireDeal(), Actor.System),
        "deliver" => Decide(DealStatus.Paid, new DeliverAccount(), Actor.User(DealBuilder.DefaultSellerId)),
        "refund_undelivered" => Decide(DealStatus.Paid, new RefundUndelivered(SecretReason), Actor.User(DealBuilder.DefaultSellerId)),
        "confirm_receipt" => Decide(DealStatus.Delivered, new ConfirmReceipt(), Actor.User(DealBuilder.DefaultBuyerId)),
        "auto_complete" => Decide(DealStatus.Delivered, new AutoComplete(), Actor.System),
        "release" => Decide(DealStatus.Completed, new ReleaseFunds(), Actor.System),
        "open_dispute" => Decide(DealStatus.Delivered, new OpenDispute(SecretReason), Actor.User(DealBuilder.DefaultBuyerId)),
        "resolve_dispute" => Decide(DealStatus.Disputed, new ResolveDispute(DisputeOutcome.RefundToBuyer, null, SecretNote), Admin),
        _ => throw new ArgumentOutOfRangeException(nameof(command), command, "no such command"),
    };

    private static DealTransition Decide(DealStatus from, DealCommand command, Actor actor) =>
        Decide(DealBuilder.InStatus(from).Build(), command, actor, YearLater);

    private static DealTransition Decide(Deal deal, DealCommand command, Actor actor, DateTimeOffset now)
    {
        var decision = DealStateMachine.Decide(deal, command, actor, now, Policy);
        return decision.Transition ?? throw new InvalidOperationException($"{command.Name} refused: {decision.Refusal}");
    }

    private static JsonElement Data(IntegrationEvent raised) => JsonDocument.Parse(raised.Data).RootElement.Clone();

    private static string[] Fields(IntegrationEvent raised) =>
        [.. Data(raised).EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal)];
}
