using System.Text.Json;
using TrustyTrade.Core.Access;
using TrustyTrade.Core.DealRecords;
using TrustyTrade.Core.Deals;
using TrustyTrade.Core.Idempotency;
using TrustyTrade.Core.Monetary;
using TrustyTrade.Core.Users;
using TrustyTrade.IntegrationTests.Infrastructure;

namespace TrustyTrade.IntegrationTests.Api;

/// <summary>
/// What the admin panel reads about disputes over the real database: the queue oldest first, decided disputes, a deal's
/// dispute with its evidence, and the deals search.
/// </summary>
[Collection(DatabaseCollectionDefinition.Name)]
public sealed class DisputesApiTests(DatabaseFixture database) : IAsyncLifetime
{
    private ApiWithWorkflow _api = null!;
    private ApiTestHost _host = null!;
    private ApiCredentials _admin = null!;

    public async Task InitializeAsync()
    {
        await database.ResetAsync();
        _api = await ApiWithWorkflow.StartAsync(database);
        _host = _api.Host;
        _admin = await _host.AdminAsync();
    }

    public async Task DisposeAsync() => await _api.DisposeAsync();

    [Fact]
    public async Task ListDisputes_WalkedPageByPage_GivesTheOpenOnesOldestFirstWithTheirAge()
    {
        var disputed = new List<long>();
        for (var i = 0; i < 3; i++)
        {
            disputed.Add((await DisputedAsync()).Id);
        }

        await _host.DealAsync((await _host.UserAsync()).UserId!.Value, DealStatus.Paid);
        await _host.Data().ExecuteAsync("UPDATE disputes SET created_at = now() - interval '50 hours' WHERE deal_id = @id", new { id = disputed[0] });
        _host.Time.SetUtcNow(DateTimeOffset.UtcNow);

        var first = (await _host.GetAsync("/api/disputes?limit=2", _admin)).Json;
        var second = (await _host.GetAsync($"/api/disputes?limit=2&cursor={first.GetProperty("next").GetString()}", _admin)).Json;

        var items = first.GetProperty("items").EnumerateArray().Concat(second.GetProperty("items").EnumerateArray()).ToArray();
        Assert.Equal(disputed, items.Select(d => d.GetProperty("dealId").GetInt64()));
        Assert.Equal(("open", "escrow", "user", "the password does not work"),
            (items[0].GetProperty("status").GetString(), items[0].GetProperty("heldIn").GetString(),
                items[0].GetProperty("openedByKind").GetString(), items[0].GetProperty("reason").GetString()));
        Assert.InRange(items[0].GetProperty("ageHours").GetDouble(), 49.9, 50.5);
    }

    [Fact]
    public async Task ListDisputes_Resolved_ShowsTheOutcomeSharesAndNoteNewestFirst()
    {
        var older = await DisputedAsync();
        var newer = await DisputedAsync();
        await ResolveAsync(older, DisputeOutcome.RefundToBuyer, null);
        await ResolveAsync(newer, DisputeOutcome.Split, new Money(40m, Currency.XTR));

        var page = (await _host.GetAsync("/api/disputes?status=resolved", _admin)).Json;
        var open = (await _host.GetAsync("/api/disputes", _admin)).Json;

        var items = page.GetProperty("items").EnumerateArray().ToArray();
        Assert.Equal([newer.Id, older.Id], items.Select(d => d.GetProperty("dealId").GetInt64()));
        Assert.Equal(("split", "40", "60", "half of it was as described"),
            (items[0].GetProperty("outcome").GetString(), Amount(items[0], "sellerShare"), Amount(items[0], "buyerShare"),
                items[0].GetProperty("resolutionNote").GetString()));
        Assert.Equal("refund", items[1].GetProperty("outcome").GetString());
        Assert.Equal(0, open.GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task GetDeal_OfADisputedDeal_ShowsTheDisputeWithEvidenceToAdminsAndWithoutToTheParties()
    {
        var deal = await DisputedAsync();
        var buyer = ApiCredentials.Token(_host.Get<IAccessTokens>().Issue(deal.BuyerId, UserRole.User).Token, deal.BuyerId);
        await _host.Get<DealRecordService>().AddEvidenceAsync(
            deal.Id, deal.BuyerId, new Evidence(EvidenceKind.Text, "the mail was changed an hour after delivery", null), CancellationToken.None);
        await _host.Get<DealRecordService>().AddEvidenceAsync(
            deal.Id, deal.BuyerId, new Evidence(EvidenceKind.Photo, "screenshot", "AgACAgIAAxkBAAI"), CancellationToken.None);

        var seenByAdmin = (await _host.GetAsync($"/api/deals/{deal.Id}", _admin)).Json.GetProperty("dispute");
        var seenByBuyer = (await _host.GetAsync($"/api/deals/{deal.Id}", buyer)).Json.GetProperty("dispute");

        var evidence = seenByAdmin.GetProperty("evidence").EnumerateArray().ToArray();
        Assert.Equal(
            [("text", "the mail was changed an hour after delivery", false), ("photo", "screenshot", true)],
            evidence.Select(e => (e.GetProperty("kind").GetString(), e.GetProperty("text").GetString(), e.GetProperty("hasFile").GetBoolean())).ToArray());
        Assert.DoesNotContain("AgACAgIAAxkBAAI", seenByAdmin.GetRawText(), StringComparison.Ordinal);
        Assert.Equal((deal.Version, 0), (seenByBuyer.GetProperty("dealVersion").GetInt32(), seenByBuyer.GetProperty("evidence").GetArrayLength()));
    }

    [Fact]
    public async Task GetDeal_NeverDisputed_HasNoDispute()
    {
        var deal = await _host.DealAsync((await _host.UserAsync()).UserId!.Value, DealStatus.Paid);

        var page = (await _host.GetAsync($"/api/deals/{deal.Id}", _admin)).Json;

        Assert.False(page.TryGetProperty("dispute", out _));
    }

    [Fact]
    public async Task ListDeals_Search_FindsByNumberTitleAndUsernameAndTakesWildcardsLiterally()
    {
        var buyer = await _host.UserAsync("vasya_buyer");
        var byTitle = await _host.DealAsync((await _host.UserAsync()).UserId!.Value, DealStatus.Paid);
        var byBuyer = await _host.DealAsync(buyer.UserId!.Value, DealStatus.Paid);
        var other = await _host.DealAsync((await _host.UserAsync()).UserId!.Value, DealStatus.Paid);
        await _host.Data().ExecuteAsync("UPDATE accounts SET title = 'Immortal 100% rank' WHERE id = @id", new { id = byTitle.ListingId });

        async Task<long[]> FindAsync(string q) =>
        [
            .. (await _host.GetAsync($"/api/deals?q={Uri.EscapeDataString(q)}", _admin)).Json.GetProperty("items").EnumerateArray()
                .Select(d => d.GetProperty("deal").GetProperty("id").GetInt64()),
        ];

        Assert.Equal([other.Id], await FindAsync($"#{other.Id}"));
        Assert.Equal([byTitle.Id], await FindAsync("immortal 100%"));
        Assert.Equal([byBuyer.Id], await FindAsync("@VASYA_b"));
        Assert.Empty(await FindAsync("100_"));
        Assert.Equal(400, (await _host.GetAsync($"/api/deals?q={new string('x', 101)}", _admin)).Status);
    }

    private static string Amount(JsonElement dispute, string name) => dispute.GetProperty(name).GetProperty("amount").GetString()!;

    private async Task<Deal> DisputedAsync() => await _host.DealAsync((await _host.UserAsync()).UserId!.Value, DealStatus.Disputed);

    private async Task ResolveAsync(Deal deal, DisputeOutcome outcome, Money? sellerShare)
    {
        var result = await _host.Get<DealService>().ExecuteAsync(
            new(new IdempotencyKey($"test:{Guid.NewGuid():N}"),
                new ActOnDeal(deal.Id, Actor.Admin(_admin.UserId!.Value), new ResolveDispute(outcome, sellerShare, "half of it was as described"))),
            CancellationToken.None);
        Assert.NotNull(result.Deal);
    }
}
