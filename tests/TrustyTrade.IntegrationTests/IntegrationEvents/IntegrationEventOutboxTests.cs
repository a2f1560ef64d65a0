using System.Data;
using TrustyTrade.Core.Deals;
using TrustyTrade.Core.IntegrationEvents;
using TrustyTrade.IntegrationTests.Infrastructure;

namespace TrustyTrade.IntegrationTests.IntegrationEvents;

/// <summary>A deal's changes leave their integration events in the outbox, in the change's own transaction.</summary>
[Collection(DatabaseCollectionDefinition.Name)]
public sealed class IntegrationEventOutboxTests(DatabaseFixture database) : OutboxTest(database)
{
    [Fact]
    public async Task DisputedDeal_LeavesOneEventPerPublicChangeInOrder()
    {
        var deal = await NewDealAsync();
        await ActAsync(deal, Actor.System, new ConfirmPayment(Price, PaymentMethod.TelegramStars, "charge-1"));
        await ActAsync(deal, Actor.User(deal.SellerId), new DeliverAccount());
        await ActAsync(deal, Actor.User(deal.BuyerId), new ConfirmReceipt());
        await ActAsync(deal, Actor.User(deal.BuyerId), new OpenDispute("the password does not work"));
        var admin = await Data.UserAsync(role: "admin");
        await ActAsync(deal, Actor.Admin(admin), new ResolveDispute(DisputeOutcome.Split, new(40m, Price.Currency), "half the skins were gone"));

        var rows = await RowsAsync(deal.Id);

        Assert.Equal(
            [
                (IntegrationEventTypes.DealCreated, 0),
                (IntegrationEventTypes.DealPaid, 1),
                (IntegrationEventTypes.DealCompleted, 3),
                (IntegrationEventTypes.DisputeOpened, 4),
                (IntegrationEventTypes.DisputeResolved, 5),
            ],
            rows);
    }

    [Fact]
    public async Task RefundedDeal_LeavesCreatedPaidRefunded()
    {
        var deal = await NewDealAsync();
        await ActAsync(deal, Actor.System, new ConfirmPayment(Price, PaymentMethod.TelegramStars, "charge-1"));
        await ActAsync(deal, Actor.User(deal.SellerId), new RefundUndelivered("out of stock"));

        var types = (await RowsAsync(deal.Id)).Select(r => r.Type);

        Assert.Equal([IntegrationEventTypes.DealCreated, IntegrationEventTypes.DealPaid, IntegrationEventTypes.DealRefunded], types);
    }

    [Fact]
    public async Task Event_IdIsTheOneDerivedFromTypeDealAndVersion()
    {
        var deal = await NewDealAsync();

        var id = await Data.ScalarAsync<Guid>("SELECT id FROM integration_events WHERE deal_id = @id", new { id = deal.Id });

        Assert.Equal(IntegrationEvent.IdFor(IntegrationEventTypes.DealCreated, deal.Id, 0), id);
    }

    [Fact]
    public async Task Event_OccurredAtIsTheAppsClock()
    {
        var deal = await NewDealAsync();
        await ActAsync(deal, Actor.System, new ConfirmPayment(Price, PaymentMethod.TelegramStars, "charge-1"));

        var occurredAt = await Data.ScalarAsync<DateTime>(
            "SELECT occurred_at FROM integration_events WHERE deal_id = @id AND type = 'deal.paid'", new { id = deal.Id });

        Assert.Equal(Time.GetUtcNow().UtcDateTime, occurredAt);
    }

    [Fact]
    public async Task Payload_CarriesTheListingsGame()
    {
        var deal = await NewDealAsync();
        await ActAsync(deal, Actor.System, new ConfirmPayment(Price, PaymentMethod.TelegramStars, "charge-1"));

        var games = await Data.ScalarAsync<string[]>(
            "SELECT array_agg(payload->>'game' ORDER BY deal_version) FROM integration_events WHERE deal_id = @id", new { id = deal.Id });

        Assert.Equal(["Dota 2", "Dota 2"], games);
    }

    [Fact]
    public async Task Payload_HoldsNoDisputeReason()
    {
        var deal = await TestData.DriveAsync(Deals, await NewDealAsync(), DealStatus.Disputed);

        var leaks = await CountAsync("payload::text LIKE '%password does not work%'");

        Assert.Equal((DealStatus.Disputed, 0L), (deal.Status, leaks));
    }

    [Fact]
    public async Task ReplayedCommand_AddsNoEvent()
    {
        var deal = await NewDealAsync();
        var key = NewKey();
        await ActAsync(deal, Actor.System, new ConfirmPayment(Price, PaymentMethod.TelegramStars, "charge-1"), key);

        var replay = await ActAsync(deal, Actor.System, new ConfirmPayment(Price, PaymentMethod.TelegramStars, "charge-1"), key);

        Assert.Equal((true, 2L), (replay.Replayed, await CountAsync()));
    }

    [Fact]
    public async Task RefusedCommand_AddsNoEvent()
    {
        var deal = await NewDealAsync();

        var refused = await ActAsync(deal, Actor.User(deal.BuyerId), new ConfirmReceipt());

        Assert.Equal((false, 1L), (refused.Succeeded, await CountAsync()));
    }

    [Fact]
    public async Task Transition_WhoseVersionGuardFails_WritesNoEvent()
    {
        var deal = await NewDealAsync();
        await using (var session = await Get<IEscrowStore>().BeginAsync(CancellationToken.None))
        {
            var locked = await session.LockDealAsync(deal.Id, NewKey(), CancellationToken.None);
            // As if the deal had been read at another version than the one stored: the guarded update matches no row.
            var stale = locked.Value! with { Version = locked.Value!.Version + 7 };
            var transition = DealStateMachine.Decide(stale, new CancelDeal(), Actor.User(deal.BuyerId), Time.GetUtcNow(), new EscrowOptions()).Transition!;
            await session.ApplyAsync(transition, CancellationToken.None);

            await Assert.ThrowsAsync<DBConcurrencyException>(() => session.CommitAsync(CancellationToken.None));
        }

        Assert.Equal(0L, await CountAsync("type = 'deal.cancelled'"));
    }

    [Fact]
    public async Task Transition_RolledBack_WritesNoEvent()
    {
        var deal = await NewDealAsync();
        await using (var session = await Get<IEscrowStore>().BeginAsync(CancellationToken.None))
        {
            var locked = await session.LockDealAsync(deal.Id, NewKey(), CancellationToken.None);
            var transition = DealStateMachine.Decide(locked.Value!, new CancelDeal(), Actor.User(deal.BuyerId), Time.GetUtcNow(), new EscrowOptions()).Transition!;
            await session.ApplyAsync(transition, CancellationToken.None);
            // Disposed without CommitAsync.
        }

        Assert.Equal(0L, await CountAsync("type = 'deal.cancelled'"));
    }

    [Fact]
    public async Task Buy_RolledBack_WritesNoEvent()
    {
        var seller = await Data.UserAsync();
        var buyer = await Data.UserAsync();
        var listing = await Data.ListingAsync(seller, Price);
        await using (var session = await Get<IEscrowStore>().BeginAsync(CancellationToken.None))
        {
            var now = Time.GetUtcNow();
            await session.CreateDealAsync(new NewDeal(seller, buyer, listing, Price, new(5m, Price.Currency), 5, now, now.AddMinutes(30)), CancellationToken.None);
        }

        Assert.Equal(0L, await CountAsync());
    }

    private async Task<(string Type, int Version)[]> RowsAsync(long dealId)
    {
        var rows = await Data.ScalarAsync<string[]>(
            "SELECT array_agg(type || '@' || deal_version ORDER BY occurred_at, deal_version) FROM integration_events WHERE deal_id = @dealId",
            new { dealId });
        return [.. rows.Select(r => r.Split('@')).Select(p => (p[0], int.Parse(p[1], System.Globalization.CultureInfo.InvariantCulture)))];
    }
}
