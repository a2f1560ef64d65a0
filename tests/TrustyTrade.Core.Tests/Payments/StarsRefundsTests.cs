using Microsoft.Extensions.Logging.Abstractions;
using TrustyTrade.Core.Deals;
using TrustyTrade.Core.Deals.Workflow;
using TrustyTrade.Core.Ledger;
using TrustyTrade.Core.Monetary;
using TrustyTrade.Core.Payments.Stars;
using TrustyTrade.Core.Tests.Deals;

namespace TrustyTrade.Core.Tests.Payments;

public sealed class StarsRefundsTests
{
    private const string Charge = "charge-7";
    private const long BuyerChat = 555;

    private readonly FakeTelegram _telegram = new();
    private readonly FakeStore _store = new();
    private readonly FakeDeals _deals = new();
    private readonly StarsRefunds _refunds;

    public StarsRefundsTests() => _refunds = new StarsRefunds(_telegram, _store, _deals, NullLogger<StarsRefunds>.Instance);

    [Fact]
    public async Task RefundDeal_RefundedStarsDeal_RefundsTheChargeAndPaysTheBuyerOut()
    {
        Given(DealBuilder.InStatus(DealStatus.Refunded).Build());

        var outcome = await _refunds.RefundDealAsync(DealBuilder.DefaultDealId, CancellationToken.None);

        Assert.Equal(StarsRefundOutcome.Refunded, outcome);
        Assert.Equal([(BuyerChat, Charge)], _telegram.Refunds);
        var posting = Assert.Single(_store.Postings);
        Assert.Equal(
            [new LedgerEntry(LedgerAccount.BuyerRefunds(DealBuilder.DefaultBuyerId), new Money(-100m, Currency.XTR)),
                new LedgerEntry(LedgerAccount.PaidOut, new Money(100m, Currency.XTR))],
            posting.Entries);
    }

    [Fact]
    public async Task RefundDeal_ChargeAlreadyMarkedRefunded_AsksTelegramNothing()
    {
        Given(DealBuilder.InStatus(DealStatus.Refunded).Build(), refunded: true);

        Assert.Equal(StarsRefundOutcome.AlreadyDone, await _refunds.RefundDealAsync(DealBuilder.DefaultDealId, CancellationToken.None));
        Assert.Empty(_telegram.Refunds);
    }

    [Fact]
    public async Task RefundDeal_TelegramSaysAlreadyRefunded_StillRecordsTheRefund()
    {
        Given(DealBuilder.InStatus(DealStatus.Refunded).Build());
        _telegram.Answer = StarsRefundAnswer.AlreadyRefunded;

        Assert.Equal(StarsRefundOutcome.Refunded, await _refunds.RefundDealAsync(DealBuilder.DefaultDealId, CancellationToken.None));
        Assert.Single(_store.Postings);
    }

    [Theory]
    [InlineData(DisputeOutcome.RefundToBuyer, true)]
    [InlineData(DisputeOutcome.Split, false)]
    [InlineData(DisputeOutcome.ReleaseToSeller, false)]
    public async Task RefundDeal_ResolvedDispute_RefundsOnlyWhenEverythingGoesToTheBuyer(DisputeOutcome outcome, bool refunds)
    {
        Given(DealBuilder.InStatus(DealStatus.Resolved).Build());
        _deals.Outcome = outcome;

        await _refunds.RefundDealAsync(DealBuilder.DefaultDealId, CancellationToken.None);

        Assert.Equal(refunds, _telegram.Refunds.Count == 1);
    }

    [Fact]
    public async Task RefundDeal_UsdtDeal_IsNotDueInStars()
    {
        Given(DealBuilder.InStatus(DealStatus.Refunded).InUsdt(100m, 5m).Build());

        Assert.Equal(StarsRefundOutcome.NotDue, await _refunds.RefundDealAsync(DealBuilder.DefaultDealId, CancellationToken.None));
        Assert.Empty(_telegram.Refunds);
    }

    [Fact]
    public async Task RefundUnmatched_SameChargeTwice_RefundsAndPostsOnce()
    {
        var payment = new UnmatchedStarsPayment("late-1", BuyerChat, new Money(100m, Currency.XTR), 7, "NotAllowedInStatus");

        Assert.True(await _refunds.RefundUnmatchedAsync(payment, CancellationToken.None));
        Assert.True(await _refunds.RefundUnmatchedAsync(payment, CancellationToken.None));

        Assert.Equal([(BuyerChat, "late-1")], _telegram.Refunds);
        Assert.Equal(StarsRefunds.UnmatchedRefundKind, Assert.Single(_store.Postings).Kind);
    }

    private void Given(Deal deal, bool refunded = false)
    {
        _deals.Deal = deal;
        _store.Charge = new StarsDealCharge(deal.Id, Charge, deal.Price, refunded, deal.BuyerId, BuyerChat);
    }

    private sealed class FakeTelegram : IStarsApi
    {
        public List<(long, string)> Refunds { get; } = [];

        public StarsRefundAnswer Answer { get; set; } = StarsRefundAnswer.Refunded;

        public Task<StarsRefundAnswer> RefundAsync(long userTelegramId, string chargeId, CancellationToken cancellationToken)
        {
            Refunds.Add((userTelegramId, chargeId));
            return Task.FromResult(Answer);
        }

        public Task<IReadOnlyList<StarTransaction>> ListTransactionsAsync(int offset, int limit, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<StarTransaction>>([]);
    }

    private sealed class FakeStore : IStarsStore
    {
        private readonly HashSet<string> _unmatchedRefunded = [];

        public StarsDealCharge? Charge { get; set; }

        public List<LedgerPosting> Postings { get; } = [];

        public Task<StarsDealCharge?> FindDealChargeAsync(long dealId, CancellationToken cancellationToken) => Task.FromResult(Charge);

        public Task<bool> CompleteDealRefundAsync(StarsDealCharge charge, LedgerPosting payout, CancellationToken cancellationToken)
        {
            if (Charge is not { Refunded: false })
            {
                return Task.FromResult(false);
            }

            Charge = Charge with { Refunded = true };
            Postings.Add(payout);
            return Task.FromResult(true);
        }

        public Task<bool> RecordUnmatchedAsync(UnmatchedStarsPayment payment, CancellationToken cancellationToken) =>
            Task.FromResult(_unmatchedRefunded.Contains(payment.ChargeId));

        public Task<bool> CompleteUnmatchedRefundAsync(string chargeId, LedgerPosting posting, CancellationToken cancellationToken)
        {
            if (!_unmatchedRefunded.Add(chargeId))
            {
                return Task.FromResult(false);
            }

            Postings.Add(posting);
            return Task.FromResult(true);
        }

        public Task<IReadOnlyList<StarsChargeRecord>> ListChargesAsync(CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<StarsChargeRecord>>([]);

        public Task<bool> FlagAsync(StarsDiscrepancy discrepancy, DateTimeOffset at, CancellationToken cancellationToken) => Task.FromResult(true);

        public Task<IReadOnlyList<StarsReconciliationFlag>> ListOpenFlagsAsync(CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<StarsReconciliationFlag>>([]);
    }

    private sealed class FakeDeals : IDealWorkflowStore
    {
        public Deal? Deal { get; set; }

        public DisputeOutcome? Outcome { get; set; }

        public Task<Deal?> FindDealAsync(long dealId, CancellationToken cancellationToken) => Task.FromResult(Deal);

        public Task<DisputeOutcome?> FindDisputeOutcomeAsync(long dealId, CancellationToken cancellationToken) => Task.FromResult(Outcome);

        public Task<IReadOnlyList<DealVersionStatus>> ListStatusesAfterAsync(long dealId, int afterVersion, CancellationToken cancellationToken) =>
            throw new NotSupportedException();

        public Task<IReadOnlyList<Deal>> ListDealsToReconcileAsync(long afterId, DateTimeOffset closedSince, int limit, CancellationToken cancellationToken) =>
            throw new NotSupportedException();

        public Task FlagAsync(long dealId, DealWorkflowFlagReason reason, string? detail, DateTimeOffset at, CancellationToken cancellationToken) =>
            throw new NotSupportedException();

        public Task<IReadOnlyList<DealWorkflowFlag>> ListOpenFlagsAsync(CancellationToken cancellationToken) => throw new NotSupportedException();
    }
}
