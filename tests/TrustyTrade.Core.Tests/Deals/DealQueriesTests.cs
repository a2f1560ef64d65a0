using TrustyTrade.Core.Deals;
using TrustyTrade.Core.Deals.Workflow;
using TrustyTrade.Core.Ledger;
using TrustyTrade.Core.Monetary;
using TrustyTrade.Core.Tests.Deals.Workflow;

namespace TrustyTrade.Core.Tests.Deals;

/// <summary>Who may read which deals, and how a deal's ledger entries add up per account.</summary>
public sealed class DealQueriesTests
{
    private static readonly Deal Paid = DealBuilder.InStatus(DealStatus.Paid).Build();

    [Fact]
    public async Task ListAsync_ForAUser_IsLimitedToTheirDealsWhateverTheFilter()
    {
        var reader = new FakeDealReader([Paid]);

        await new DealQueries(reader).ListAsync(Actor.User(DealBuilder.DefaultBuyerId), new DealFilter(UserId: 5, ViewerId: 5), null, 20, CancellationToken.None);

        Assert.Equal(new DealFilter(UserId: 5, ViewerId: DealBuilder.DefaultBuyerId), reader.LastFilter);
    }

    [Fact]
    public async Task ListAsync_ForAnAdminOrThePlatform_SeesEveryDeal()
    {
        var reader = new FakeDealReader([Paid]);
        var queries = new DealQueries(reader);

        await queries.ListAsync(Actor.Admin(DealActors.AdminId), new DealFilter(ViewerId: 5), null, 20, CancellationToken.None);
        var admin = reader.LastFilter!.ViewerId;
        await queries.ListAsync(Actor.System, new DealFilter(), null, 20, CancellationToken.None);

        Assert.Equal((null, null), (admin, reader.LastFilter!.ViewerId));
    }

    [Theory]
    [InlineData(DealRole.Buyer, null)]
    [InlineData(DealRole.Seller, null)]
    [InlineData(DealRole.Admin, null)]
    [InlineData(DealRole.System, null)]
    [InlineData(DealRole.Stranger, DealRefusalCode.NotAParty)]
    public async Task FindAsync_ShowsTheDealToPartiesAdminsAndThePlatformOnly(DealRole role, DealRefusalCode? refusal)
    {
        var (_, refused) = await new DealQueries(new FakeDealReader([Paid])).FindAsync(Paid.Id, DealActors.For(role, Paid), null, CancellationToken.None);

        Assert.Equal(refusal, refused?.Code);
    }

    [Theory]
    [InlineData(DealRole.Buyer, null)]
    [InlineData(DealRole.Admin, "the activity threw")]
    [InlineData(DealRole.System, "the activity threw")]
    public async Task FindAsync_TellsWhyAWorkflowFailedToAdminsAndThePlatformOnly(DealRole role, string? failure)
    {
        var workflow = new RecordingDealWorkflow { State = new DealWorkflowState(DealWorkflowRuntimeStatus.Failed, DealBuilder.Start, "the activity threw") };

        var (detail, _) = await new DealQueries(new FakeDealReader([Paid])).FindAsync(Paid.Id, DealActors.For(role, Paid), workflow, CancellationToken.None);

        Assert.Equal((DealWorkflowRuntimeStatus.Failed, failure), (detail!.Workflow!.Status, detail.Workflow.Failure));
    }

    [Fact]
    public async Task FindAsync_OfNoDeal_IsNotFound()
    {
        var (_, refused) = await new DealQueries(new FakeDealReader([])).FindAsync(1, Actor.System, null, CancellationToken.None);

        Assert.Equal(DealRefusalCode.DealNotFound, refused?.Code);
    }

    [Fact]
    public async Task EscrowAsync_SumsTheEntriesPerAccountAndCurrency()
    {
        var escrow = LedgerAccount.Escrow(Paid.Id);
        var at = DealBuilder.Start;
        DealLedgerEntry[] entries =
        [
            new(1, 1, "payment", LedgerAccount.PaymentsReceived, new Money(-100m, Currency.XTR), at),
            new(2, 1, "payment", escrow, new Money(100m, Currency.XTR), at),
            new(3, 2, "refund", escrow, new Money(-100m, Currency.XTR), at),
            new(4, 2, "refund", LedgerAccount.BuyerRefunds(Paid.BuyerId), new Money(100m, Currency.XTR), at),
        ];

        var (view, _) = await new DealQueries(new FakeDealReader([Paid], entries)).EscrowAsync(Paid.Id, Actor.System, CancellationToken.None);

        Assert.Equal(
            [
                new LedgerBalance(LedgerAccount.PaymentsReceived, new Money(-100m, Currency.XTR)),
                new LedgerBalance(escrow, new Money(0m, Currency.XTR)),
                new LedgerBalance(LedgerAccount.BuyerRefunds(Paid.BuyerId), new Money(100m, Currency.XTR)),
            ],
            view!.Balances);
    }
}
