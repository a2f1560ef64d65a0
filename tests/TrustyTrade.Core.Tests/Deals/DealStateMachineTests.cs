using System.Globalization;
using TrustyTrade.Core.Deals;
using TrustyTrade.Core.Monetary;

namespace TrustyTrade.Core.Tests.Deals;

/// <summary>Who may do what and when: the rules in <see cref="DealStateMachine"/>'s remarks, checked case by case.</summary>
public sealed class DealStateMachineTests
{
    /// <summary>When a command arrives relative to the deadlines of the deal's current step.</summary>
    public enum Moment
    {
        /// <summary>Shortly after the deal's last event: every deadline still ahead.</summary>
        BeforeDeadlines,

        /// <summary>A year after the deal began: every deadline and warranty behind.</summary>
        AfterDeadlines,
    }

    private static readonly EscrowOptions Policy = new();

    /// <summary>
    /// The remarks' table, copied by hand: a command is accepted when one rule names its command, the actor's role
    /// and the deal's status, and the moment fits; it then moves the deal to the rule's target.
    /// </summary>
    private static readonly Rule[] Rules =
    [
        new("confirm_payment", [DealRole.System], [DealStatus.AwaitingPayment], DealStatus.Paid),
        new("cancel", [DealRole.Buyer, DealRole.Seller, DealRole.Admin], [DealStatus.AwaitingPayment], DealStatus.Cancelled),
        new("expire", [DealRole.System], [DealStatus.AwaitingPayment], DealStatus.Expired, Moment.AfterDeadlines),
        new("deliver", [DealRole.Seller, DealRole.System], [DealStatus.Paid], DealStatus.Delivered),
        new("refund_undelivered", [DealRole.Seller, DealRole.Admin], [DealStatus.Paid], DealStatus.Refunded),
        new("refund_undelivered", [DealRole.Buyer, DealRole.System], [DealStatus.Paid], DealStatus.Refunded, Moment.AfterDeadlines),
        new("confirm_receipt", [DealRole.Buyer], [DealStatus.Delivered], DealStatus.Completed),
        new("auto_complete", [DealRole.System], [DealStatus.Delivered], DealStatus.Completed, Moment.AfterDeadlines),
        new("open_dispute", [DealRole.Buyer, DealRole.Admin], [DealStatus.Paid, DealStatus.Delivered], DealStatus.Disputed),
        new("open_dispute", [DealRole.Buyer, DealRole.Admin], [DealStatus.Completed], DealStatus.Disputed, Moment.BeforeDeadlines),
        new("open_dispute", [DealRole.Seller], [DealStatus.Delivered], DealStatus.Disputed),
        new("release", [DealRole.System], [DealStatus.Completed], DealStatus.Released, Moment.AfterDeadlines),
        new("resolve_dispute", [DealRole.Admin], [DealStatus.Disputed], DealStatus.Resolved),
    ];

    private static readonly string[] CommandNames =
    [
        "confirm_payment", "cancel", "expire", "deliver", "refund_undelivered", "confirm_receipt", "auto_complete",
        "open_dispute", "release", "resolve_dispute",
    ];

    public static TheoryData<DealStatus, string, DealRole, Moment> EveryCase()
    {
        var cases = new TheoryData<DealStatus, string, DealRole, Moment>();
        foreach (var status in Enum.GetValues<DealStatus>())
        {
            foreach (var command in CommandNames)
            {
                foreach (var role in Enum.GetValues<DealRole>())
                {
                    foreach (var moment in Enum.GetValues<Moment>())
                    {
                        cases.Add(status, command, role, moment);
                    }
                }
            }
        }

        return cases;
    }

    public static TheoryData<DealStatus, string, DealRole, Moment> AcceptedCases()
    {
        var cases = new TheoryData<DealStatus, string, DealRole, Moment>();
        foreach (var rule in Rules)
        {
            foreach (var status in rule.From)
            {
                foreach (var role in rule.Roles)
                {
                    cases.Add(status, rule.Command, role, rule.OnlyAt ?? Moment.AfterDeadlines);
                }
            }
        }

        return cases;
    }

    public static TheoryData<string> EveryCommand() => new(CommandNames);

    [Theory]
    [MemberData(nameof(EveryCase))]
    public void Decide_EveryStatusCommandRoleAndMoment_FollowsTheRulesTable(DealStatus status, string command, DealRole role, Moment moment)
    {
        var deal = DealBuilder.InStatus(status).Build();

        var decision = Decide(deal, Command(command, deal), role, At(deal, moment));

        Assert.Equal(Expected(status, command, role, moment), decision.Transition?.After.Status);
    }

    [Theory]
    [MemberData(nameof(AcceptedCases))]
    public void Decide_AcceptedCommand_IncrementsVersionByOne(DealStatus status, string command, DealRole role, Moment moment)
    {
        var deal = DealBuilder.InStatus(status).Build();

        var decision = Decide(deal, Command(command, deal), role, At(deal, moment));

        Assert.Equal(deal.Version + 1, decision.Transition!.After.Version);
    }

    [Theory]
    [MemberData(nameof(EveryCommand))]
    public void Decide_Stranger_IsNotAParty(string command)
    {
        var status = Rules.First(r => r.Command == command).From[0];
        var deal = DealBuilder.InStatus(status).Build();

        var decision = Decide(deal, Command(command, deal), DealRole.Stranger, At(deal, Moment.AfterDeadlines));

        Assert.Equal(DealRefusalCode.NotAParty, decision.Refusal?.Code);
    }

    [Fact]
    public void Deliver_BySellerBeforePayment_IsNotAllowedInStatus()
    {
        var deal = DealBuilder.InStatus(DealStatus.AwaitingPayment).Build();

        var decision = Decide(deal, new DeliverAccount(), DealRole.Seller, deal.CreatedAt);

        Assert.Equal(DealRefusalCode.NotAllowedInStatus, decision.Refusal?.Code);
    }

    [Fact]
    public void Deliver_ByBuyerOnPaidDeal_IsNotAllowedForRole()
    {
        var deal = DealBuilder.InStatus(DealStatus.Paid).Build();

        var decision = Decide(deal, new DeliverAccount(), DealRole.Buyer, deal.PaidAt!.Value);

        Assert.Equal(DealRefusalCode.NotAllowedForRole, decision.Refusal?.Code);
    }

    [Fact]
    public void Expire_OneSecondBeforePaymentDeadline_IsTooEarly()
    {
        var deal = DealBuilder.InStatus(DealStatus.AwaitingPayment).Build();

        var decision = Decide(deal, new ExpireDeal(), DealRole.System, deal.PaymentDueAt - TimeSpan.FromSeconds(1));

        Assert.Equal(DealRefusalCode.TooEarly, decision.Refusal?.Code);
    }

    [Fact]
    public void Expire_AtPaymentDeadline_ExpiresTheDeal()
    {
        var deal = DealBuilder.InStatus(DealStatus.AwaitingPayment).Build();

        var decision = Decide(deal, new ExpireDeal(), DealRole.System, deal.PaymentDueAt);

        Assert.Equal(DealStatus.Expired, decision.Transition?.After.Status);
    }

    [Theory]
    [InlineData(DealRole.Buyer)]
    [InlineData(DealRole.System)]
    public void RefundUndelivered_ByBuyerOrSystemBeforeDeliveryDeadline_IsTooEarly(DealRole role)
    {
        var deal = DealBuilder.InStatus(DealStatus.Paid).Build();

        var decision = Decide(deal, new RefundUndelivered(), role, deal.DeliveryDueAt!.Value - TimeSpan.FromSeconds(1));

        Assert.Equal(DealRefusalCode.TooEarly, decision.Refusal?.Code);
    }

    [Theory]
    [InlineData(DealRole.Buyer)]
    [InlineData(DealRole.System)]
    public void RefundUndelivered_ByBuyerOrSystemAtDeliveryDeadline_RefundsTheDeal(DealRole role)
    {
        var deal = DealBuilder.InStatus(DealStatus.Paid).Build();

        var decision = Decide(deal, new RefundUndelivered(), role, deal.DeliveryDueAt!.Value);

        Assert.Equal(DealStatus.Refunded, decision.Transition?.After.Status);
    }

    [Theory]
    [InlineData(DealRole.Seller)]
    [InlineData(DealRole.Admin)]
    public void RefundUndelivered_BySellerOrAdminBeforeDeliveryDeadline_RefundsTheDeal(DealRole role)
    {
        var deal = DealBuilder.InStatus(DealStatus.Paid).Build();

        var decision = Decide(deal, new RefundUndelivered(), role, deal.PaidAt!.Value + TimeSpan.FromMinutes(1));

        Assert.Equal(DealStatus.Refunded, decision.Transition?.After.Status);
    }

    [Fact]
    public void AutoComplete_OneSecondBeforeInspectionEnds_IsTooEarly()
    {
        var deal = DealBuilder.InStatus(DealStatus.Delivered).Build();

        var decision = Decide(deal, new AutoComplete(), DealRole.System, deal.InspectionEndsAt!.Value - TimeSpan.FromSeconds(1));

        Assert.Equal(DealRefusalCode.TooEarly, decision.Refusal?.Code);
    }

    [Fact]
    public void AutoComplete_WhenInspectionEnds_CompletesTheDeal()
    {
        var deal = DealBuilder.InStatus(DealStatus.Delivered).Build();

        var decision = Decide(deal, new AutoComplete(), DealRole.System, deal.InspectionEndsAt!.Value);

        Assert.Equal(DealStatus.Completed, decision.Transition?.After.Status);
    }

    [Fact]
    public void Release_OneSecondBeforeWarrantyEnds_IsTooEarly()
    {
        var deal = DealBuilder.InStatus(DealStatus.Completed).Build();

        var decision = Decide(deal, new ReleaseFunds(), DealRole.System, deal.WarrantyEndsAt!.Value - TimeSpan.FromSeconds(1));

        Assert.Equal(DealRefusalCode.TooEarly, decision.Refusal?.Code);
    }

    [Fact]
    public void Release_WhenWarrantyEnds_ReleasesTheDeal()
    {
        var deal = DealBuilder.InStatus(DealStatus.Completed).Build();

        var decision = Decide(deal, new ReleaseFunds(), DealRole.System, deal.WarrantyEndsAt!.Value);

        Assert.Equal(DealStatus.Released, decision.Transition?.After.Status);
    }

    [Theory]
    [InlineData(DealRole.Buyer)]
    [InlineData(DealRole.Admin)]
    public void OpenDispute_OnCompletedDealOneSecondBeforeWarrantyEnds_OpensTheDispute(DealRole role)
    {
        var deal = DealBuilder.InStatus(DealStatus.Completed).Build();

        var decision = Decide(deal, new OpenDispute("the account was taken back"), role, deal.WarrantyEndsAt!.Value - TimeSpan.FromSeconds(1));

        Assert.Equal(DealStatus.Disputed, decision.Transition?.After.Status);
    }

    [Theory]
    [InlineData(DealRole.Buyer)]
    [InlineData(DealRole.Admin)]
    public void OpenDispute_OnCompletedDealWhenWarrantyEnds_IsWarrantyOver(DealRole role)
    {
        var deal = DealBuilder.InStatus(DealStatus.Completed).Build();

        var decision = Decide(deal, new OpenDispute("the account was taken back"), role, deal.WarrantyEndsAt!.Value);

        Assert.Equal(DealRefusalCode.WarrantyOver, decision.Refusal?.Code);
    }

    [Theory]
    [InlineData(DealStatus.Paid, DealRole.Buyer)]
    [InlineData(DealStatus.Delivered, DealRole.Seller)]
    [InlineData(DealStatus.Completed, DealRole.Buyer)]
    public void OpenDispute_RemembersTheStatusItWasOpenedFrom(DealStatus status, DealRole role)
    {
        var deal = DealBuilder.InStatus(status).Build();

        var decision = Decide(deal, new OpenDispute("no answer"), role, DealBuilder.LastEventAt(deal));

        Assert.Equal(status, decision.Transition?.After.DisputedFrom);
    }

    [Fact]
    public void ConfirmPayment_FixesTheDeliveryDeadlineFromThePaymentMoment()
    {
        var deal = DealBuilder.InStatus(DealStatus.AwaitingPayment).Build();
        var paidAt = deal.CreatedAt + TimeSpan.FromMinutes(3);

        var decision = Decide(deal, CorrectPayment(deal), DealRole.System, paidAt);

        Assert.Equal(paidAt + Policy.DeliveryWindow, decision.Transition?.After.DeliveryDueAt);
    }

    [Fact]
    public void Deliver_FixesTheInspectionEndFromTheDeliveryMoment()
    {
        var deal = DealBuilder.InStatus(DealStatus.Paid).Build();
        var deliveredAt = deal.PaidAt!.Value + TimeSpan.FromHours(5);

        var decision = Decide(deal, new DeliverAccount(), DealRole.Seller, deliveredAt);

        Assert.Equal(deliveredAt + Policy.InspectionWindow, decision.Transition?.After.InspectionEndsAt);
    }

    [Fact]
    public void ConfirmReceipt_FixesTheWarrantyEndFromTheDealsOwnWarrantyDays()
    {
        var deal = DealBuilder.InStatus(DealStatus.Delivered).WithWarrantyDays(12).Build();
        var completedAt = deal.DeliveredAt!.Value + TimeSpan.FromHours(1);

        var decision = Decide(deal, new ConfirmReceipt(), DealRole.Buyer, completedAt);

        Assert.Equal(completedAt + TimeSpan.FromDays(12), decision.Transition?.After.WarrantyEndsAt);
    }

    [Theory]
    [InlineData("99", "XTR")]
    [InlineData("101", "XTR")]
    [InlineData("0.5", "USDT")]
    [InlineData("12.499999", "USDT")]
    public void ConfirmPayment_LessThanThePriceOrStarsOtherThanIt_IsWrongAmount(string paid, string currency)
    {
        var deal = Currency(currency) == Monetary.Currency.XTR
            ? DealBuilder.InStatus(DealStatus.AwaitingPayment).InXtr(100m, 5m).Build()
            : DealBuilder.InStatus(DealStatus.AwaitingPayment).InUsdt(12.5m, 0.625m).Build();

        var decision = Decide(deal, new ConfirmPayment(Money(paid, currency), MethodFor(deal), "charge-1"), DealRole.System, deal.CreatedAt);

        Assert.Equal(DealRefusalCode.WrongAmount, decision.Refusal?.Code);
    }

    [Theory]
    [InlineData("XTR", PaymentMethod.Crypto)]
    [InlineData("USDT", PaymentMethod.TelegramStars)]
    public void ConfirmPayment_MethodOfAnotherCurrency_IsWrongPaymentMethod(string dealCurrency, PaymentMethod method)
    {
        var deal = DealBuilder.InStatus(DealStatus.AwaitingPayment).PricedAt(100m, 5m, Currency(dealCurrency)).Build();

        var decision = Decide(deal, new ConfirmPayment(deal.Price, method, "charge-1"), DealRole.System, deal.CreatedAt);

        Assert.Equal(DealRefusalCode.WrongPaymentMethod, decision.Refusal?.Code);
    }

    [Fact]
    public void ConfirmPayment_PriceInAnotherCurrencyByTheRightMethod_IsRefusedForAmountOrMethod()
    {
        var deal = DealBuilder.InStatus(DealStatus.AwaitingPayment).InXtr(100m, 5m).Build();

        var decision = Decide(deal, new ConfirmPayment(new Money(100m, Monetary.Currency.USDT), PaymentMethod.TelegramStars, "charge-1"),
            DealRole.System, deal.CreatedAt);

        Assert.Contains(decision.Refusal?.Code, new DealRefusalCode?[] { DealRefusalCode.WrongAmount, DealRefusalCode.WrongPaymentMethod });
    }

    [Theory]
    [InlineData("100", "XTR", "0", "XTR")]
    [InlineData("100", "XTR", "100", "XTR")]
    [InlineData("100", "XTR", "150", "XTR")]
    [InlineData("100", "XTR", "-10", "XTR")]
    [InlineData("100", "XTR", "40", "USDT")]
    [InlineData("100", "XTR", "40.5", "XTR")]
    [InlineData("100", "USDT", "40", "XTR")]
    [InlineData("100", "USDT", "40.0000001", "USDT")]
    [InlineData("100", "USDT", "100", "USDT")]
    public void ResolveDispute_SplitOutsideZeroToPriceOrCurrencyPrecision_IsInvalidSplit(string price, string currency, string share, string shareCurrency)
    {
        var deal = DealBuilder.InStatus(DealStatus.Disputed).PricedAt(decimal.Parse(price, CultureInfo.InvariantCulture), 5m, Currency(currency)).Build();

        var decision = Decide(deal, new ResolveDispute(DisputeOutcome.Split, Money(share, shareCurrency), "both partly right"),
            DealRole.Admin, DealBuilder.LastEventAt(deal));

        Assert.Equal(DealRefusalCode.InvalidSplit, decision.Refusal?.Code);
    }

    [Fact]
    public void ResolveDispute_SplitWithoutShare_IsInvalidSplit()
    {
        var deal = DealBuilder.InStatus(DealStatus.Disputed).Build();

        var decision = Decide(deal, new ResolveDispute(DisputeOutcome.Split, null, "both partly right"), DealRole.Admin, DealBuilder.LastEventAt(deal));

        Assert.Equal(DealRefusalCode.InvalidSplit, decision.Refusal?.Code);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\n\t")]
    public void OpenDispute_BlankReason_IsReasonRequired(string reason)
    {
        var deal = DealBuilder.InStatus(DealStatus.Delivered).Build();

        var decision = Decide(deal, new OpenDispute(reason), DealRole.Buyer, DealBuilder.LastEventAt(deal));

        Assert.Equal(DealRefusalCode.ReasonRequired, decision.Refusal?.Code);
    }

    [Fact]
    public void OpenDispute_ReasonOver2000Characters_IsReasonRequired()
    {
        var deal = DealBuilder.InStatus(DealStatus.Delivered).Build();

        var decision = Decide(deal, new OpenDispute(new string('x', 2001)), DealRole.Buyer, DealBuilder.LastEventAt(deal));

        Assert.Equal(DealRefusalCode.ReasonRequired, decision.Refusal?.Code);
    }

    [Fact]
    public void OpenDispute_ReasonOfExactly2000Characters_OpensTheDispute()
    {
        var deal = DealBuilder.InStatus(DealStatus.Delivered).Build();

        var decision = Decide(deal, new OpenDispute(new string('x', 2000)), DealRole.Buyer, DealBuilder.LastEventAt(deal));

        Assert.Equal(DealStatus.Disputed, decision.Transition?.After.Status);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void ResolveDispute_BlankNote_IsReasonRequired(string note)
    {
        var deal = DealBuilder.InStatus(DealStatus.Disputed).Build();

        var decision = Decide(deal, new ResolveDispute(DisputeOutcome.RefundToBuyer, null, note), DealRole.Admin, DealBuilder.LastEventAt(deal));

        Assert.Equal(DealRefusalCode.ReasonRequired, decision.Refusal?.Code);
    }

    [Fact]
    public void ResolveDispute_NoteOver2000Characters_IsReasonRequired()
    {
        var deal = DealBuilder.InStatus(DealStatus.Disputed).Build();

        var decision = Decide(deal, new ResolveDispute(DisputeOutcome.RefundToBuyer, null, new string('x', 2001)),
            DealRole.Admin, DealBuilder.LastEventAt(deal));

        Assert.Equal(DealRefusalCode.ReasonRequired, decision.Refusal?.Code);
    }

    private static DealStatus? Expected(DealStatus status, string command, DealRole role, Moment moment) =>
        Rules.FirstOrDefault(r => r.Command == command && r.Roles.Contains(role) && r.From.Contains(status)
            && (r.OnlyAt is null || r.OnlyAt == moment))?.To;

    private static DealDecision Decide(Deal deal, DealCommand command, DealRole role, DateTimeOffset now) =>
        DealStateMachine.Decide(deal, command, DealActors.For(role, deal), now, Policy);

    private static DateTimeOffset At(Deal deal, Moment moment) => moment switch
    {
        Moment.BeforeDeadlines => DealBuilder.LastEventAt(deal) + TimeSpan.FromMinutes(1),
        Moment.AfterDeadlines => DealBuilder.Start + TimeSpan.FromDays(365),
        _ => throw new ArgumentOutOfRangeException(nameof(moment), moment, "unknown moment"),
    };

    /// <summary>Each command in a form that passes its own checks, so only status, role and time decide.</summary>
    private static DealCommand Command(string name, Deal deal) => name switch
    {
        "confirm_payment" => CorrectPayment(deal),
        "cancel" => new CancelDeal("changed my mind"),
        "expire" => new ExpireDeal(),
        "deliver" => new DeliverAccount(),
        "refund_undelivered" => new RefundUndelivered("out of stock"),
        "confirm_receipt" => new ConfirmReceipt(),
        "auto_complete" => new AutoComplete(),
        "open_dispute" => new OpenDispute("the password does not work"),
        "release" => new ReleaseFunds(),
        "resolve_dispute" => new ResolveDispute(DisputeOutcome.RefundToBuyer, null, "the seller did not answer"),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "unknown command"),
    };

    private static ConfirmPayment CorrectPayment(Deal deal) => new(deal.Price, MethodFor(deal), "charge-1");

    private static PaymentMethod MethodFor(Deal deal) =>
        deal.Price.Currency == Monetary.Currency.XTR ? PaymentMethod.TelegramStars : PaymentMethod.Crypto;

    private static Currency Currency(string code) => CurrencyExtensions.Parse(code);

    private static Money Money(string amount, string currency) => new(decimal.Parse(amount, CultureInfo.InvariantCulture), Currency(currency));

    private sealed record Rule(string Command, DealRole[] Roles, DealStatus[] From, DealStatus To, Moment? OnlyAt = null);
}
