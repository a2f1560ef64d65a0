using TrustyTrade.Core.Deals;
using TrustyTrade.Core.Ledger;
using TrustyTrade.Core.Monetary;

namespace TrustyTrade.Core.Tests.Deals;

/// <summary>The money each accepted step moves: one posting, from the account that held it to the ones that get it.</summary>
public sealed class DealStateMachineLedgerTests
{
    private const long DealId = DealBuilder.DefaultDealId;
    private const long SellerId = DealBuilder.DefaultSellerId;
    private const long BuyerId = DealBuilder.DefaultBuyerId;

    private static readonly EscrowOptions Policy = new();

    [Fact]
    public void ConfirmPayment_Xtr_MovesThePriceFromPaymentsReceivedIntoEscrow()
    {
        var deal = DealBuilder.InStatus(DealStatus.AwaitingPayment).InXtr(100m, 5m).Build();

        var posting = Posting(deal, new ConfirmPayment(Xtr(100m), PaymentMethod.TelegramStars, "charge-1"), Actor.System);

        Assert.Equal(Entries((LedgerAccount.PaymentsReceived, Xtr(-100m)), (LedgerAccount.Escrow(DealId), Xtr(100m))), posting);
    }

    [Fact]
    public void ConfirmPayment_UsdtExact_MovesThePriceFromTheDealsDepositsIntoEscrow()
    {
        var deal = DealBuilder.InStatus(DealStatus.AwaitingPayment).InUsdt(12.5m, 0.625m).Build();

        var posting = Posting(deal, new ConfirmPayment(Usdt(12.5m), PaymentMethod.Crypto, "invoice:1"), Actor.System);

        Assert.Equal(Entries((LedgerAccount.Deposits(DealId), Usdt(-12.5m)), (LedgerAccount.Escrow(DealId), Usdt(12.5m))), posting);
    }

    [Fact]
    public void ConfirmPayment_UsdtOverpaid_HoldsThePriceAndCreditsTheRestToTheBuyer()
    {
        var deal = DealBuilder.InStatus(DealStatus.AwaitingPayment).InUsdt(12.5m, 0.625m).Build();

        var posting = Posting(deal, new ConfirmPayment(Usdt(13.000001m), PaymentMethod.Crypto, "invoice:1"), Actor.System);

        Assert.Equal(
            Entries((LedgerAccount.Deposits(DealId), Usdt(-13.000001m)), (LedgerAccount.Escrow(DealId), Usdt(12.5m)),
                (LedgerAccount.BuyerRefunds(BuyerId), Usdt(0.500001m))),
            posting);
    }

    [Fact]
    public void ConfirmReceipt_MovesThePriceFromEscrowIntoWarrantyHold()
    {
        var deal = DealBuilder.InStatus(DealStatus.Delivered).InXtr(100m, 5m).Build();

        var posting = Posting(deal, new ConfirmReceipt(), Actor.User(BuyerId));

        Assert.Equal(Entries((LedgerAccount.Escrow(DealId), Xtr(-100m)), (LedgerAccount.WarrantyHold(DealId), Xtr(100m))), posting);
    }

    [Fact]
    public void AutoComplete_MovesThePriceFromEscrowIntoWarrantyHold()
    {
        var deal = DealBuilder.InStatus(DealStatus.Delivered).InUsdt(12.5m, 0.625m).Build();

        var posting = Posting(deal, new AutoComplete(), Actor.System);

        Assert.Equal(Entries((LedgerAccount.Escrow(DealId), Usdt(-12.5m)), (LedgerAccount.WarrantyHold(DealId), Usdt(12.5m))), posting);
    }

    [Fact]
    public void Release_PaysThePriceLessFeeToTheSellerAndTheFeeToThePlatformOutOfWarrantyHold()
    {
        var deal = DealBuilder.InStatus(DealStatus.Completed).InXtr(100m, 5m).Build();

        var posting = Posting(deal, new ReleaseFunds(), Actor.System);

        Assert.Equal(
            Entries(
                (LedgerAccount.WarrantyHold(DealId), Xtr(-100m)),
                (LedgerAccount.SellerAvailable(SellerId), Xtr(95m)),
                (LedgerAccount.PlatformFees, Xtr(5m))),
            posting);
    }

    [Fact]
    public void Release_FeeEqualToPrice_PaysEverythingToThePlatformWithNoZeroEntry()
    {
        var deal = DealBuilder.InStatus(DealStatus.Completed).InXtr(1m, 1m).Build();

        var posting = Posting(deal, new ReleaseFunds(), Actor.System);

        Assert.Equal(Entries((LedgerAccount.WarrantyHold(DealId), Xtr(-1m)), (LedgerAccount.PlatformFees, Xtr(1m))), posting);
    }

    [Fact]
    public void RefundUndelivered_MovesThePriceFromEscrowToTheBuyersRefunds()
    {
        var deal = DealBuilder.InStatus(DealStatus.Paid).InXtr(100m, 5m).Build();

        var posting = Posting(deal, new RefundUndelivered(), Actor.User(SellerId));

        Assert.Equal(Entries((LedgerAccount.Escrow(DealId), Xtr(-100m)), (LedgerAccount.BuyerRefunds(BuyerId), Xtr(100m))), posting);
    }

    [Theory]
    [InlineData(DealStatus.Paid, LedgerAccountKind.Escrow)]
    [InlineData(DealStatus.Delivered, LedgerAccountKind.Escrow)]
    [InlineData(DealStatus.Completed, LedgerAccountKind.WarrantyHold)]
    public void ResolveDispute_TakesTheMoneyFromWhereTheDisputeFrozeIt(DealStatus disputedFrom, LedgerAccountKind heldIn)
    {
        var deal = DealBuilder.InStatus(DealStatus.Disputed).DisputedFrom(disputedFrom).InXtr(100m, 5m).Build();

        var posting = Posting(deal, new ResolveDispute(DisputeOutcome.RefundToBuyer, null, "no answer"), Actor.Admin(DealActors.AdminId));

        Assert.Equal(Entries((new LedgerAccount(heldIn, DealId), Xtr(-100m)), (LedgerAccount.BuyerRefunds(BuyerId), Xtr(100m))), posting);
    }

    [Fact]
    public void ResolveDispute_ReleaseToSeller_PaysThePriceLessTheWholeFeeAndTheFee()
    {
        var deal = DealBuilder.InStatus(DealStatus.Disputed).DisputedFrom(DealStatus.Delivered).InXtr(100m, 5m).Build();

        var posting = Posting(deal, new ResolveDispute(DisputeOutcome.ReleaseToSeller, null, "delivered as described"), Actor.Admin(DealActors.AdminId));

        Assert.Equal(
            Entries(
                (LedgerAccount.Escrow(DealId), Xtr(-100m)),
                (LedgerAccount.SellerAvailable(SellerId), Xtr(95m)),
                (LedgerAccount.PlatformFees, Xtr(5m))),
            posting);
    }

    [Fact]
    public void ResolveDispute_SplitInXtr_PaysShareLessProRataFeeToSellerFeeToPlatformAndTheRestToBuyer()
    {
        // 40 of 100 to the seller carries 40 % of the 5-star fee: 2 stars.
        var deal = DealBuilder.InStatus(DealStatus.Disputed).DisputedFrom(DealStatus.Delivered).InXtr(100m, 5m).Build();

        var posting = Posting(deal, new ResolveDispute(DisputeOutcome.Split, Xtr(40m), "half delivered"), Actor.Admin(DealActors.AdminId));

        Assert.Equal(
            Entries(
                (LedgerAccount.Escrow(DealId), Xtr(-100m)),
                (LedgerAccount.SellerAvailable(SellerId), Xtr(38m)),
                (LedgerAccount.PlatformFees, Xtr(2m)),
                (LedgerAccount.BuyerRefunds(BuyerId), Xtr(60m))),
            posting);
    }

    [Fact]
    public void ResolveDispute_SplitInXtr_RoundsTheProRataFeeToWholeStars()
    {
        // 33 of 100 carries 1.65 stars of the fee: 2 whole stars.
        var deal = DealBuilder.InStatus(DealStatus.Disputed).DisputedFrom(DealStatus.Delivered).InXtr(100m, 5m).Build();

        var posting = Posting(deal, new ResolveDispute(DisputeOutcome.Split, Xtr(33m), "half delivered"), Actor.Admin(DealActors.AdminId));

        Assert.Equal(
            Entries(
                (LedgerAccount.Escrow(DealId), Xtr(-100m)),
                (LedgerAccount.SellerAvailable(SellerId), Xtr(31m)),
                (LedgerAccount.PlatformFees, Xtr(2m)),
                (LedgerAccount.BuyerRefunds(BuyerId), Xtr(67m))),
            posting);
    }

    [Fact]
    public void ResolveDispute_SplitInUsdtFromCompleted_RoundsTheFeeToSixDecimalsAndPaysOutOfWarrantyHold()
    {
        // 3.333333 of 12.5 carries 0.16666665 of the 0.625 fee: 0.166667.
        var deal = DealBuilder.InStatus(DealStatus.Disputed).DisputedFrom(DealStatus.Completed).InUsdt(12.5m, 0.625m).Build();

        var posting = Posting(deal, new ResolveDispute(DisputeOutcome.Split, Usdt(3.333333m), "partly recovered"), Actor.Admin(DealActors.AdminId));

        Assert.Equal(
            Entries(
                (LedgerAccount.WarrantyHold(DealId), Usdt(-12.5m)),
                (LedgerAccount.SellerAvailable(SellerId), Usdt(3.166666m)),
                (LedgerAccount.PlatformFees, Usdt(0.166667m)),
                (LedgerAccount.BuyerRefunds(BuyerId), Usdt(9.166667m))),
            posting);
    }

    [Theory]
    [InlineData(DealStatus.AwaitingPayment, "cancel")]
    [InlineData(DealStatus.AwaitingPayment, "expire")]
    [InlineData(DealStatus.Paid, "deliver")]
    [InlineData(DealStatus.Delivered, "open_dispute")]
    public void StepsThatMoveNoMoney_PostNothing(DealStatus status, string command)
    {
        var deal = DealBuilder.InStatus(status).Build();
        var (issued, actor) = command switch
        {
            "cancel" => ((DealCommand)new CancelDeal(), Actor.User(BuyerId)),
            "expire" => (new ExpireDeal(), Actor.System),
            "deliver" => (new DeliverAccount(), Actor.User(SellerId)),
            _ => (new OpenDispute("not as described"), Actor.User(BuyerId)),
        };

        var decision = DealStateMachine.Decide(deal, issued, actor, DealBuilder.Start + TimeSpan.FromDays(1), Policy);

        Assert.Null(decision.Transition!.Posting);
    }

    /// <summary>The posting of an accepted command at a moment past every deadline, as account → amount.</summary>
    private static Dictionary<LedgerAccount, Money> Posting(Deal deal, DealCommand command, Actor actor)
    {
        var now = command is OpenDispute ? DealBuilder.LastEventAt(deal) : DealBuilder.Start + TimeSpan.FromDays(365);
        var decision = DealStateMachine.Decide(deal, command, actor, now, Policy);
        Assert.True(decision.Transition is not null, $"'{command.Name}' was refused: {decision.Refusal}");
        return decision.Transition.Posting!.Entries.ToDictionary(e => e.Account, e => e.Amount);
    }

    private static Dictionary<LedgerAccount, Money> Entries(params (LedgerAccount Account, Money Amount)[] entries) =>
        entries.ToDictionary(e => e.Account, e => e.Amount);

    private static Money Xtr(decimal amount) => new(amount, Currency.XTR);

    private static Money Usdt(decimal amount) => new(amount, Currency.USDT);
}
