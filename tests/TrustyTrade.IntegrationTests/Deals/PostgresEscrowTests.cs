using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using TrustyTrade.Core;
using TrustyTrade.Core.Deals;
using TrustyTrade.Core.Idempotency;
using TrustyTrade.Core.Monetary;
using TrustyTrade.Infrastructure;
using TrustyTrade.IntegrationTests.Infrastructure;

namespace TrustyTrade.IntegrationTests.Deals;

/// <summary>DealService over the real PostgreSQL: locking, idempotency, the ledger and the database's own guards.</summary>
[Collection(DatabaseCollectionDefinition.Name)]
public sealed class PostgresEscrowTests(DatabaseFixture database) : IAsyncLifetime
{
    private static readonly Money Price = new(100m, Currency.XTR);
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero));
    private readonly TestData _data = new(database.DataSource);
    private ServiceProvider _services = null!;
    private DealService _deals = null!;
    private int _keys;

    public async Task InitializeAsync()
    {
        await database.ResetAsync();
        var configuration = TestConfiguration.Build();
        _services = new ServiceCollection()
            .AddLogging()
            .AddSingleton<TimeProvider>(_time)
            .AddTrustyTradeCore(configuration)
            .AddTrustyTradeInfrastructure(configuration)
            .BuildServiceProvider();
        _deals = _services.GetRequiredService<DealService>();
    }

    public async Task DisposeAsync() => await _services.DisposeAsync();

    [Fact]
    public async Task HappyPath_ReleasesPriceLessFeeToSellerAndFeeToPlatform()
    {
        var (deal, seller, buyer) = await NewDealAsync();
        await Act(deal.Id, Actor.System, new ConfirmPayment(Price, PaymentMethod.TelegramStars, "charge-1"));
        await Act(deal.Id, Actor.User(seller), new DeliverAccount());
        await Act(deal.Id, Actor.User(buyer), new ConfirmReceipt());
        _time.Advance(TimeSpan.FromDays(5));

        var released = await Act(deal.Id, Actor.System, new ReleaseFunds());

        Assert.Equal(DealStatus.Released, released.Deal!.Status);
        Assert.Equal(
            [("escrow", 0m), ("platform_fees", 5m), ("seller_available", 95m), ("warranty_hold", 0m)],
            await BalancesAsync("AND account_kind IN ('seller_available', 'platform_fees', 'escrow', 'warranty_hold')"));
    }

    [Fact]
    public async Task Buy_ReservesTheListingAndRecordsTheDealsFirstEvent()
    {
        var (deal, _, _) = await NewDealAsync();

        Assert.Equal("reserved", await _data.ScalarAsync<string>("SELECT status FROM accounts WHERE id = @id", new { id = deal.ListingId }));
        Assert.Equal("buy", await _data.ScalarAsync<string>("SELECT command FROM deal_events WHERE deal_id = @id", new { id = deal.Id }));
    }

    [Fact]
    public async Task ThirtyTwoConflictingCommandsOnOneDeal_ExactlyOneWins()
    {
        var (deal, seller, buyer) = await NewDealAsync();
        await Act(deal.Id, Actor.System, new ConfirmPayment(Price, PaymentMethod.TelegramStars, "charge-1"));
        _time.Advance(TimeSpan.FromDays(3)); // past the delivery deadline, so the buyer may take a refund too

        // The seller's delivery and the buyer's refund each rule the other out, whichever lands first. (A dispute
        // would not: it may follow a delivery.)
        var results = await Task.WhenAll(Enumerable.Range(0, 32).Select(i => Task.Run(() => _deals.ExecuteAsync(
            Identified(i % 2 == 0
                ? new ActOnDeal(deal.Id, Actor.User(seller), new DeliverAccount())
                : new ActOnDeal(deal.Id, Actor.User(buyer), new RefundUndelivered("no delivery"))),
            CancellationToken.None))));

        Assert.Single(results, r => r.Succeeded);
    }

    [Fact]
    public async Task ThirtyTwoConflictingCommandsOnOneDeal_LosersGetAClearRefusalNotAnError()
    {
        var (deal, seller, buyer) = await NewDealAsync();
        await Act(deal.Id, Actor.System, new ConfirmPayment(Price, PaymentMethod.TelegramStars, "charge-1"));

        var results = await Task.WhenAll(Enumerable.Range(0, 32).Select(i => Task.Run(() => _deals.ExecuteAsync(
            Identified(new ActOnDeal(deal.Id, Actor.User(seller), i % 2 == 0 ? new DeliverAccount() : new RefundUndelivered())),
            CancellationToken.None))));

        Assert.All(results.Where(r => !r.Succeeded), r => Assert.Equal(DealRefusalCode.NotAllowedInStatus, r.Refusal!.Code));
        Assert.Equal(2, await _data.ScalarAsync<long>("SELECT count(*) FROM deal_events WHERE deal_id = @id AND command <> 'buy'", new { id = deal.Id }));
    }

    [Fact]
    public async Task ThirtyTwoBuyersRacingForOneListing_OpenOneDeal()
    {
        var seller = await _data.UserAsync();
        var listing = await _data.ListingAsync(seller, Price);
        var buyers = await Task.WhenAll(Enumerable.Range(0, 32).Select(_ => _data.UserAsync()));

        var results = await Task.WhenAll(buyers.Select(buyer => Task.Run(() =>
            _deals.BuyAsync(Identified(new BuyListing(listing, buyer)), CancellationToken.None))));

        Assert.Single(results, r => r.Succeeded);
        Assert.Equal(1, await _data.ScalarAsync<long>("SELECT count(*) FROM deals"));
    }

    [Fact]
    public async Task ConfirmPayment_ReplayedUnderOneKey_CountsThePaymentOnce()
    {
        var (deal, _, _) = await NewDealAsync();
        var pay = Identified(new ActOnDeal(deal.Id, Actor.System, new ConfirmPayment(Price, PaymentMethod.TelegramStars, "charge-1")));

        var results = await Task.WhenAll(Enumerable.Range(0, 32).Select(_ => Task.Run(() => _deals.ExecuteAsync(pay, CancellationToken.None))));

        Assert.All(results, r => Assert.Equal(DealStatus.Paid, r.Deal!.Status));
        Assert.Equal(31, results.Count(r => r.Replayed));
        Assert.Equal(1, await _data.ScalarAsync<long>("SELECT count(*) FROM transactions"));
        Assert.Equal([("escrow", 100m), ("payments_received", -100m)], await BalancesAsync());
    }

    [Fact]
    public async Task Replay_ReturnsTheFirstResultEvenAfterTheDealMovedOn()
    {
        var (deal, seller, _) = await NewDealAsync();
        var pay = Identified(new ActOnDeal(deal.Id, Actor.System, new ConfirmPayment(Price, PaymentMethod.TelegramStars, "charge-1")));
        var first = await _deals.ExecuteAsync(pay, CancellationToken.None);
        await Act(deal.Id, Actor.User(seller), new DeliverAccount());

        var replay = await _deals.ExecuteAsync(pay, CancellationToken.None);

        Assert.True(replay.Replayed);
        Assert.Equal(first.Deal, replay.Deal);
    }

    [Fact]
    public async Task Buy_ReplayedUnderOneKey_OpensOneDeal()
    {
        var seller = await _data.UserAsync();
        var buyer = await _data.UserAsync();
        var buy = Identified(new BuyListing(await _data.ListingAsync(seller, Price), buyer));

        var first = await _deals.BuyAsync(buy, CancellationToken.None);
        var again = await _deals.BuyAsync(buy, CancellationToken.None);

        Assert.Equal(first.Deal!.Id, again.Deal!.Id);
        Assert.True(again.Replayed);
    }

    [Fact]
    public async Task OneKeyOnTwoDeals_SecondIsRefusedAsReused()
    {
        var (first, _, _) = await NewDealAsync();
        var (second, _, _) = await NewDealAsync();
        var key = new IdempotencyKey("stars-charge:same");
        await _deals.ExecuteAsync(new(key, new ActOnDeal(first.Id, Actor.System, new ConfirmPayment(Price, PaymentMethod.TelegramStars, "same"))), CancellationToken.None);

        var reused = await _deals.ExecuteAsync(
            new(key, new ActOnDeal(second.Id, Actor.System, new ConfirmPayment(Price, PaymentMethod.TelegramStars, "same"))), CancellationToken.None);

        Assert.Equal(DealRefusalCode.IdempotencyKeyReused, reused.Refusal?.Code);
    }

    [Fact]
    public async Task OneKeyRacingOnSixteenDeals_OneWinsAndTheOthersAreRefusedAsReusedWithNothingKept()
    {
        var deals = new List<(long Id, long Seller)>();
        for (var i = 0; i < 16; i++)
        {
            var (deal, seller, _) = await NewDealAsync();
            await Act(deal.Id, Actor.System, new ConfirmPayment(Price, PaymentMethod.TelegramStars, $"race-charge-{deal.Id}"));
            deals.Add((deal.Id, seller));
        }

        // Each deal is locked on its own, so the racers meet only at the key's unique index, inside the statement
        // that writes the transition: the losers' transactions must abort before their COMMIT, then replay. To make
        // them meet there, every racer is held at that statement (behind a lock on deal_events) until all have
        // looked the key up and found nothing.
        var key = new IdempotencyKey($"deliver:{Guid.NewGuid():N}");
        DealResult[] results;
        await using (var gate = await database.DataSource.OpenConnectionAsync())
        {
            await using var holding = await gate.BeginTransactionAsync();
            await gate.ExecuteAsync("LOCK TABLE deal_events IN EXCLUSIVE MODE", transaction: holding);
            var racing = Task.WhenAll(deals.Select(d => Task.Run(() => _deals.ExecuteAsync(
                new(key, new ActOnDeal(d.Id, Actor.User(d.Seller), new DeliverAccount())), CancellationToken.None))));
            await WaitUntilAsync(async () => await _data.ScalarAsync<long>(
                "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE 'WITH deal AS%'") == deals.Count);
            await holding.CommitAsync();
            results = await racing;
        }

        var winner = Assert.Single(results, r => r.Succeeded);
        Assert.All(results.Where(r => !r.Succeeded), r => Assert.Equal(DealRefusalCode.IdempotencyKeyReused, r.Refusal?.Code));
        var ids = deals.Select(d => d.Id).ToArray();
        Assert.Equal(
            [winner.Deal!.Id],
            await _data.ScalarAsync<long[]>("SELECT array_agg(deal_id) FROM deal_events WHERE deal_id = ANY(@ids) AND command = 'deliver'", new { ids }));
        Assert.Equal(15, await _data.ScalarAsync<long>("SELECT count(*) FROM deals WHERE id = ANY(@ids) AND escrow_status = 'paid'", new { ids }));
    }

    [Fact]
    public async Task ResolveDispute_Split_SharesTheMoneyAndClosesTheDispute()
    {
        var (deal, seller, buyer) = await NewDealAsync();
        var admin = await _data.UserAsync(role: "admin");
        await Act(deal.Id, Actor.System, new ConfirmPayment(Price, PaymentMethod.TelegramStars, "charge-1"));
        await Act(deal.Id, Actor.User(seller), new DeliverAccount());
        await Act(deal.Id, Actor.User(buyer), new OpenDispute("the password does not work"));

        await Act(deal.Id, Actor.Admin(admin), new ResolveDispute(DisputeOutcome.Split, new Money(40m, Currency.XTR), "half the items were missing"));

        Assert.Equal(
            [("buyer_refunds", 60m), ("escrow", 0m), ("platform_fees", 2m), ("seller_available", 38m)],
            await BalancesAsync("AND account_kind IN ('buyer_refunds', 'escrow', 'platform_fees', 'seller_available')"));
        Assert.Equal("resolved", await _data.ScalarAsync<string>("SELECT status FROM disputes WHERE deal_id = @id", new { id = deal.Id }));
    }

    [Fact]
    public async Task AdminCommand_FromAUserWhoIsNotAnAdmin_IsRefused()
    {
        var (deal, _, _) = await NewDealAsync();
        var impostor = await _data.UserAsync();

        var result = await _deals.ExecuteAsync(Identified(new ActOnDeal(deal.Id, Actor.Admin(impostor), new CancelDeal())), CancellationToken.None);

        Assert.Equal(DealRefusalCode.NotAllowedForRole, result.Refusal?.Code);
    }

    [Fact]
    public async Task Ledger_UnbalancedEntries_AreRejected()
    {
        await using var connection = await database.DataSource.OpenConnectionAsync();
        var posting = await connection.ExecuteScalarAsync<long>("INSERT INTO ledger_postings (kind) VALUES ('bad') RETURNING id");

        var error = await Assert.ThrowsAsync<PostgresException>(() => connection.ExecuteAsync(
            """
            INSERT INTO ledger_entries (posting_id, account_kind, currency, amount)
            VALUES (@posting, 'platform_fees', 'XTR', 5), (@posting, 'escrow', 'XTR', -4)
            """,
            new { posting }));

        Assert.Equal(PostgresErrorCodes.CheckViolation, error.SqlState);
    }

    [Fact]
    public async Task Ledger_EntriesBalancedInOneCurrencyButNotTheOther_AreRejected()
    {
        await using var connection = await database.DataSource.OpenConnectionAsync();
        var posting = await connection.ExecuteScalarAsync<long>("INSERT INTO ledger_postings (kind) VALUES ('bad') RETURNING id");

        var error = await Assert.ThrowsAsync<PostgresException>(() => connection.ExecuteAsync(
            """
            INSERT INTO ledger_entries (posting_id, account_kind, currency, amount)
            VALUES (@posting, 'platform_fees', 'XTR', 5), (@posting, 'escrow', 'USDT', -5)
            """,
            new { posting }));

        Assert.Equal(PostgresErrorCodes.CheckViolation, error.SqlState);
    }

    [Fact]
    public async Task Ledger_EditingAnEntry_IsRejected()
    {
        var (deal, _, _) = await NewDealAsync();
        await Act(deal.Id, Actor.System, new ConfirmPayment(Price, PaymentMethod.TelegramStars, "charge-1"));
        await using var connection = await database.DataSource.OpenConnectionAsync();

        var error = await Assert.ThrowsAsync<PostgresException>(() => connection.ExecuteAsync("UPDATE ledger_entries SET amount = amount * 2"));

        Assert.Equal(PostgresErrorCodes.RestrictViolation, error.SqlState);
    }

    private async Task<(Deal Deal, long Seller, long Buyer)> NewDealAsync()
    {
        var seller = await _data.UserAsync();
        var buyer = await _data.UserAsync();
        var listing = await _data.ListingAsync(seller, Price);
        var result = await _deals.BuyAsync(Identified(new BuyListing(listing, buyer)), CancellationToken.None);
        return (result.Deal ?? throw new InvalidOperationException($"buy refused: {result.Refusal}"), seller, buyer);
    }

    private async Task<DealResult> Act(long dealId, Actor actor, DealCommand command)
    {
        var result = await _deals.ExecuteAsync(Identified(new ActOnDeal(dealId, actor, command)), CancellationToken.None);
        Assert.True(result.Succeeded, $"{command.Name} refused: {result.Refusal}");
        return result;
    }

    private IdentifiedCommand<T> Identified<T>(T command) => new(new IdempotencyKey($"test:{Interlocked.Increment(ref _keys)}"), command);

    private async Task<(string Account, decimal Balance)[]> BalancesAsync(string filter = "")
    {
        await using var connection = await database.DataSource.OpenConnectionAsync();
        var rows = await connection.QueryAsync<(string, decimal)>(
            $"SELECT account_kind, sum(amount) FROM ledger_entries WHERE true {filter} GROUP BY account_kind ORDER BY account_kind");
        return [.. rows];
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the racers never all reached the write");
            await Task.Delay(20);
        }
    }
}
