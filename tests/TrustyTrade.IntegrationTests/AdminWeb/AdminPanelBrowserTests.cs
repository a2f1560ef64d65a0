using System.Text.Json;
using Dapper;
using Npgsql;
using TrustyTrade.Core.Access;
using TrustyTrade.Core.Access.Admins;
using TrustyTrade.Core.DealRecords;
using TrustyTrade.Core.Deals;
using TrustyTrade.Core.Monetary;
using TrustyTrade.IntegrationTests.Api;
using TrustyTrade.IntegrationTests.Infrastructure;
using Xunit.Sdk;

namespace TrustyTrade.IntegrationTests.AdminWeb;

/// <summary>
/// The admin panel (admin-web/dist, as built by the README test command) in headless Chromium against the real API on
/// the real PostgreSQL: the HTTP functions served by <see cref="FunctionsWebHost"/>, the deal workflow in the Durable
/// in-process test host. Each test seeds through the app's own services, drives the panel as an admin would, and checks
/// the database.
/// </summary>
[Collection(DatabaseCollectionDefinition.Name)]
public sealed class AdminPanelBrowserTests(DatabaseFixture database) : IAsyncLifetime
{
    private const string Password = "correct horse battery staple";
    private static readonly string Dist = Path.Combine(RepositoryPaths.Root, "admin-web", "dist");

    private ApiWithWorkflow _api = null!;
    private FunctionsWebHost _web = null!;
    private AdminSecondFactor _admin = null!;

    private ApiTestHost Host => _api.Host;

    public async Task InitializeAsync()
    {
        if (!File.Exists(Path.Combine(Dist, "index.html")))
        {
            throw new XunitException($"the admin panel is not built in {Dist}: run ./scripts/test.sh (or npm ci && npm run build in admin-web)");
        }

        await database.ResetAsync();
        _api = await ApiWithWorkflow.StartAsync(database);
        _web = await FunctionsWebHost.StartAsync(Host, Dist);
        var enrolled = await Host.Get<AdminEnrolment>().CreateAsync(
            9_000_000_000 + Random.Shared.NextInt64(1_000_000_000), "arbiter", "arbiter", Password, CancellationToken.None);
        _admin = enrolled.SecondFactor ?? throw new InvalidOperationException($"enrolment refused: {enrolled.Outcome}");
    }

    public async Task DisposeAsync()
    {
        await _web.DisposeAsync();
        await _api.DisposeAsync();
    }

    [Fact]
    public async Task SignIn_WithTheAuthenticatorsCode_OpensTheDashboard_AndAWrongCodeIsRefused()
    {
        var result = await RunAsync("signInWithTotp");

        Assert.NotEmpty(result.GetProperty("refused").GetString()!);
        Assert.True(result.GetProperty("stillOnLogin").GetBoolean());
        Assert.NotEmpty(result.GetProperty("admin").GetString()!);
        // Nothing secret stays in the browser but the short-lived access token.
        Assert.Equal((false, false, false),
            (result.GetProperty("keepsPassword").GetBoolean(), result.GetProperty("keepsSecret").GetBoolean(), result.GetProperty("keepsRefreshToken").GetBoolean()));
        Assert.Equal(("Споры", "Disputes", "en"),
            (result.GetProperty("navRu").GetString(), result.GetProperty("navEn").GetString(), result.GetProperty("lang").GetString()));
    }

    [Fact]
    public async Task Session_WhenItsTokenRunsOut_EndsAtTheNextRequestWithANotice()
    {
        var result = await RunAsync("sessionEnds", new() { ["minutes"] = new ApiOptions().AccessTokenMinutes + 1 });

        Assert.NotEmpty(result.GetProperty("notice").GetString()!);
        Assert.Equal((true, 0), (result.GetProperty("loginShown").GetBoolean(), result.GetProperty("stored").GetInt32()));
    }

    [Fact]
    public async Task Dashboard_DrawsItsFourChartsFromTheDeals()
    {
        var buyer = (await Host.UserAsync()).UserId!.Value;
        foreach (var status in new[] { DealStatus.Paid, DealStatus.Paid, DealStatus.Delivered, DealStatus.Completed, DealStatus.Disputed, DealStatus.Disputed })
        {
            await Host.DealAsync(buyer, status);
        }

        var result = await RunAsync("dashboard");

        var charts = result.GetProperty("charts");
        foreach (var chart in new[] { "chart-volume", "chart-status", "chart-escrow", "chart-disputes" })
        {
            Assert.True(charts.GetProperty(chart).GetProperty("points").GetInt32() > 0, $"{chart} drew no values");
            Assert.True(charts.GetProperty(chart).GetProperty("painted").GetInt32() > 500, $"{chart} left its canvas blank");
        }

        Assert.Equal(4, charts.GetProperty("chart-status").GetProperty("points").GetInt32());
        Assert.Contains("2", result.GetProperty("openDisputes").GetString()!, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("release", null)]
    [InlineData("refund", null)]
    [InlineData("split", "40")]
    public async Task ResolvingADispute_FromTheQueue_SettlesTheDealAndTheLedgerOnce(string outcome, string? sellerShare)
    {
        var older = await Host.DealAsync((await Host.UserAsync()).UserId!.Value, DealStatus.Disputed);
        var deal = await DisputedWithChatAsync();

        var result = await RunAsync("resolveDispute", new()
        {
            ["dealId"] = deal.Id,
            ["outcome"] = outcome,
            ["sellerShare"] = sellerShare,
            ["reason"] = "the chat shows the password was changed after delivery",
            ["screenshots"] = outcome == "release",
        });

        var seen = result.GetProperty("seen");
        Assert.Equal([older.Id, deal.Id], result.GetProperty("queue").EnumerateArray().Select(d => d.GetInt64()));
        Assert.Equal(("disputed", "the password was changed", 1),
            (seen.GetProperty("status").GetString(), seen.GetProperty("reason").GetString(), seen.GetProperty("evidence").GetInt32()));
        Assert.Equal(["buyer", "seller"], seen.GetProperty("chat").EnumerateArray().Select(m => m[0].GetString()));
        Assert.Contains("disputed", seen.GetProperty("timeline").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal([("seller", deal.SellerId), ("buyer", deal.BuyerId)],
            seen.GetProperty("parties").EnumerateArray().Select(p => (p[0].GetString(), p[1].GetInt64())));
        Assert.NotEmpty(result.GetProperty("withoutReason").GetString()!);
        Assert.NotEmpty(result.GetProperty("summary").GetString()!);
        Assert.Equal((outcome, false), (result.GetProperty("outcome").GetString(), result.GetProperty("dialogOpen").GetBoolean()));

        var price = deal.Price.Amount;
        var share = sellerShare is null ? (outcome == "release" ? price : 0m) : decimal.Parse(sellerShare, System.Globalization.CultureInfo.InvariantCulture);
        var fee = new Money(deal.Fee.Amount * share / price, deal.Price.Currency).Rounded().Amount;
        await using var connection = await Host.Get<NpgsqlDataSource>().OpenConnectionAsync();
        Assert.Equal(("resolved", share, fee, price - share, "the chat shows the password was changed after delivery"),
            await connection.QuerySingleAsync<(string, decimal, decimal, decimal, string)>(
                """
                SELECT d.escrow_status, x.seller_share, x.fee, x.buyer_share, x.resolution_note
                FROM deals d JOIN disputes x ON x.deal_id = d.id WHERE d.id = @id
                """, new { id = deal.Id }));
        // The decision's one posting: escrow paid out to the seller (less the fee), the platform and the buyer.
        var posting = (await connection.QueryAsync<(string Account, decimal Amount)>(
            """
            SELECT e.account_kind, sum(e.amount) FROM ledger_entries e JOIN ledger_postings p ON p.id = e.posting_id
            WHERE p.deal_id = @id AND p.kind = 'resolve' GROUP BY 1 ORDER BY 1
            """, new { id = deal.Id })).ToArray();
        Assert.Equal(
            new (string, decimal)[] { ("buyer_refunds", price - share), ("escrow", -price), ("platform_fees", fee), ("seller_available", share - fee) }
                .Where(e => e.Item2 != 0),
            posting);
        Assert.Equal((1L, 0m, 0L), (
            await _api.Workflow.CountAsync("SELECT count(*) FROM ledger_postings WHERE deal_id = @id AND kind = 'resolve'", new { id = deal.Id }),
            (await _api.Workflow.BalancesAsync(deal.Id)).Where(b => b.Account == "escrow").Sum(b => b.Balance),
            await _api.Workflow.UnbalancedPostingsAsync()));
        if (sellerShare is not null)
        {
            // The confirmation states the seller's part after the fee's share of it (40 less 2) and the buyer's 60.
            Assert.Contains("60", result.GetProperty("buyerShare").GetString()!, StringComparison.Ordinal);
            Assert.Contains((share - fee).ToString("0", System.Globalization.CultureInfo.InvariantCulture), result.GetProperty("summary").GetString()!, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Moderation_ApprovesRejectsWithAReasonAndBansASeller_AndTheAuditLogShowsIt()
    {
        var seller = await Host.Data().UserAsync();
        var fraudster = await Host.Data().UserAsync();
        var approve = await Host.ListingAsync(seller, "pending_moderation");
        var reject = await Host.ListingAsync(seller, "pending_moderation");
        var ban = await Host.ListingAsync(fraudster, "pending_moderation");

        var result = await RunAsync("moderate", new()
        {
            ["approveId"] = approve,
            ["rejectId"] = reject,
            ["banListingId"] = ban,
            ["reason"] = "the login is written in the description",
        });

        Assert.Equal(new[] { approve, reject, ban }.Order(), result.GetProperty("pending").EnumerateArray().Select(l => l.GetInt64()).Order());
        Assert.True(result.GetProperty("emptyReasonStays").GetBoolean());
        Assert.Contains("listing.reject", result.GetProperty("audit").EnumerateArray().Select(a => a.GetString()));
        Assert.Equal(("active", "draft", "the login is written in the description", true), (
            await Host.Data().ScalarAsync<string>("SELECT status FROM accounts WHERE id = @approve", new { approve }),
            await Host.Data().ScalarAsync<string>("SELECT status FROM accounts WHERE id = @reject", new { reject }),
            await Host.Data().ScalarAsync<string>("SELECT rejection_reason FROM accounts WHERE id = @reject", new { reject }),
            await Host.Data().ScalarAsync<bool>("SELECT is_banned FROM users WHERE id = @fraudster", new { fraudster })));
    }

    [Fact]
    public async Task Users_FoundByUsername_AreBannedAndUnbannedWithConfirmation()
    {
        var user = await Host.UserAsync($"gamer_{Guid.NewGuid():N}"[..20]);
        await Host.DealAsync(user.UserId!.Value, DealStatus.Paid);
        var username = await Host.Data().ScalarAsync<string>("SELECT username FROM users WHERE id = @id", new { id = user.UserId });

        var result = await RunAsync("banAndUnban", new() { ["username"] = username, ["userId"] = user.UserId });

        Assert.Equal(1, result.GetProperty("listed").GetInt32());
        Assert.Equal(1, result.GetProperty("profile").GetProperty("deals").GetInt32());
        Assert.Equal((false, 2L), (
            await Host.Data().ScalarAsync<bool>("SELECT is_banned FROM users WHERE id = @id", new { id = user.UserId.Value }),
            await Host.Data().ScalarAsync<long>(
                "SELECT count(*) FROM audit_log WHERE target_type = 'user' AND target_id = @id AND action IN ('user.ban', 'user.unban')",
                new { id = user.UserId.Value.ToString(System.Globalization.CultureInfo.InvariantCulture) })));
    }

    [Fact]
    public async Task Payouts_AreApprovedOrRejectedWithAReason()
    {
        var seeds = new PaymentSeeds(Host);
        var approve = await seeds.PayoutAsync(await Host.Data().UserAsync());
        var reject = await seeds.PayoutAsync(await Host.Data().UserAsync());

        var result = await RunAsync("decidePayouts", new()
        {
            ["approveId"] = approve.Id,
            ["rejectId"] = reject.Id,
            ["reason"] = "the address belongs to a mixer",
        });

        Assert.Equal(new[] { approve.Id, reject.Id }.Order(), result.GetProperty("requested").EnumerateArray().Select(p => p.GetInt64()).Order());
        Assert.Equal(("approved", "rejected", "the address belongs to a mixer"), (
            await Host.Data().ScalarAsync<string>("SELECT status FROM payouts WHERE id = @id", new { id = approve.Id }),
            await Host.Data().ScalarAsync<string>("SELECT status FROM payouts WHERE id = @id", new { id = reject.Id }),
            await Host.Data().ScalarAsync<string>("SELECT reject_reason FROM payouts WHERE id = @id", new { id = reject.Id })));
    }

    /// <summary>
    /// A Stars deal through the workflow: paid (the fake Bot API holds the charge a refund returns), delivered, a word
    /// each in the chat, disputed by the buyer, with a piece of evidence.
    /// </summary>
    private async Task<Deal> DisputedWithChatAsync()
    {
        var workflow = _api.Workflow;
        var (deal, sellerId, buyerId) = await workflow.BuyAsync();
        await workflow.PayAsync(deal);
        await workflow.ActAsync(deal.Id, Actor.User(sellerId), new DeliverAccount());
        var records = Host.Get<DealRecordService>();
        await records.PostMessageAsync(deal.Id, buyerId, "пароль не подходит", null, CancellationToken.None);
        await records.PostMessageAsync(deal.Id, sellerId, "проверь ещё раз, всё работало", null, CancellationToken.None);
        var disputed = await workflow.ActAsync(deal.Id, Actor.User(buyerId), new OpenDispute("the password was changed"));
        await records.AddEvidenceAsync(deal.Id, buyerId, new Evidence(EvidenceKind.Text, "screenshot of the mail change", null), CancellationToken.None);
        return disputed;
    }

    private Task<JsonElement> RunAsync(string scenario, Dictionary<string, object?>? input = null)
    {
        var all = new Dictionary<string, object?>(input ?? [])
        {
            ["baseUrl"] = _web.Address,
            ["login"] = _admin.Login,
            ["password"] = Password,
            ["totpSecret"] = _admin.TotpSecret,
        };
        return BrowserScenario.RunAsync(scenario, all);
    }
}
