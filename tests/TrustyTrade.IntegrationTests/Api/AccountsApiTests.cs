using System.Globalization;
using System.Text.Json;
using TrustyTrade.Core.Access;
using TrustyTrade.Core.Monetary;
using TrustyTrade.Core.Notifications;
using TrustyTrade.IntegrationTests.Infrastructure;

namespace TrustyTrade.IntegrationTests.Api;

/// <summary><c>/api/accounts</c> over the real database: search and paging, ownership, versions, moderation, secrets.</summary>
[Collection(DatabaseCollectionDefinition.Name)]
public sealed class AccountsApiTests(DatabaseFixture database) : IAsyncLifetime
{
    private const string Secret = "login: immortal@example.com password: Hunter2-Secret";
    private const string ValidAccount =
        """{"game":"Dota 2","title":"Immortal account","description":"Rank 8000","price":{"amount":"100","currency":"XTR"}}""";

    private static readonly DateTimeOffset Epoch = new(2026, 10, 1, 0, 0, 0, TimeSpan.Zero);

    private ApiTestHost _host = null!;
    private ApiCredentials _seller = null!;

    public static TheoryData<string> MalformedAccounts => MalformedBodies.From(ValidAccount);

    public static TheoryData<string> MalformedPrices => MalformedBodies.From("""{"price":{"amount":"150","currency":"XTR"}}""");

    public async Task InitializeAsync()
    {
        await database.ResetAsync();
        _host = ApiTestHost.Start();
        _seller = await _host.UserAsync();
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Theory]
    [InlineData("newest", "")]
    [InlineData("priceAscending", "&currency=XTR")]
    [InlineData("priceDescending", "&currency=XTR")]
    public async Task ListAccounts_WalkedPageByPage_ShowsEveryActiveListingOnceInOrder(string sort, string currency)
    {
        var seeds = Enumerable.Range(0, 11).Select(i => new ListingSeed(
            "Dota 2", $"Account {i}", "desc", new Money(10 + (i % 4), Currency.XTR), i % 5 == 0 ? "draft" : "active", Epoch.AddMinutes(i % 3)));
        var ids = await new TestData(database.DataSource).ListingsAsync(_seller.UserId!.Value, [.. seeds]);
        var expected = ids.Zip(seeds).Where(p => p.Second.Status == "active").Select(p => (Id: p.First, p.Second.Price.Amount, p.Second.CreatedAt));
        expected = sort switch
        {
            "newest" => expected.OrderByDescending(e => e.CreatedAt).ThenByDescending(e => e.Id),
            "priceAscending" => expected.OrderBy(e => e.Amount).ThenBy(e => e.Id),
            _ => expected.OrderByDescending(e => e.Amount).ThenByDescending(e => e.Id),
        };

        var seen = await WalkAsync($"/api/accounts?sort={sort}{currency}&limit=3");

        Assert.Equal(expected.Select(e => e.Id), seen);
    }

    [Fact]
    public async Task ListAccounts_FiltersByGameAndPriceBand()
    {
        var data = new TestData(database.DataSource);
        var seller = _seller.UserId!.Value;
        var wanted = await data.ListingAsync(seller, new Money(150, Currency.XTR), game: "Genshin Impact");
        await data.ListingAsync(seller, new Money(500, Currency.XTR), game: "Genshin Impact");
        await data.ListingAsync(seller, new Money(150, Currency.XTR), game: "Dota 2");

        var seen = await WalkAsync("/api/accounts?game=Genshin%20Impact&currency=XTR&minPrice=100&maxPrice=200");

        Assert.Equal([wanted], seen);
    }

    [Fact]
    public async Task ListAccounts_StatusFilterFromAUser_IsForbidden()
    {
        var response = await _host.GetAsync("/api/accounts?status=pendingModeration", await _host.UserAsync());

        Assert.Equal(403, response.Status);
    }

    [Fact]
    public async Task ListAccounts_StatusFilterFromAKeyWithAccountsRead_ListsPendingListings()
    {
        var pending = await _host.ListingAsync(_seller.UserId!.Value, "pending_moderation");
        await _host.ListingAsync(_seller.UserId!.Value);

        var seen = await WalkAsync("/api/accounts?status=pendingModeration", await _host.KeyAsync(ApiScopes.AccountsRead));

        Assert.Equal([pending], seen);
    }

    [Fact]
    public async Task ListAccounts_Mine_ListsTheUsersOwnListingsInAnyStatus()
    {
        var draft = await _host.ListingAsync(_seller.UserId!.Value, "draft");
        var active = await _host.ListingAsync(_seller.UserId!.Value);
        await _host.ListingAsync((await _host.UserAsync()).UserId!.Value);

        var seen = await WalkAsync("/api/accounts?mine=true", _seller);

        Assert.Equal([active, draft], seen);
    }

    [Fact]
    public async Task ListAccounts_CursorOfAnotherSort_IsRefused()
    {
        await _host.ListingAsync(_seller.UserId!.Value);
        await _host.ListingAsync(_seller.UserId!.Value);
        var next = (await _host.GetAsync("/api/accounts?limit=1")).Json.GetProperty("next").GetString();

        var response = await _host.GetAsync($"/api/accounts?sort=priceAscending&currency=XTR&cursor={next}");

        Assert.Equal("invalid-request", response.ProblemType);
    }

    [Fact]
    public async Task CreateAccount_AnswersCreatedWithLocationOfADraft()
    {
        var response = await _host.PostAsync("/api/accounts", ValidAccount, _seller);

        Assert.Equal(
            (201, $"/api/accounts/{response.Json.GetProperty("id").GetInt64()}", "draft"),
            (response.Status, response.Headers.Location.ToString(), response.Json.GetProperty("status").GetString()));
    }

    [Fact]
    public async Task CreateAccount_PriceAboveTheMaximum_IsAProblem()
    {
        var response = await _host.PostAsync("/api/accounts", ValidAccount.Replace("\"100\"", "\"100000000\"", StringComparison.Ordinal), _seller);

        Assert.Equal((422, "listing-invalid-price"), (response.Status, response.ProblemType));
    }

    [Fact]
    public async Task Credentials_NeverAppearInAnyAccountsAnswer()
    {
        var body = ValidAccount[..^1] + $",\"credentials\":\"{Secret}\"}}";
        var created = await _host.PostAsync("/api/accounts", body, _seller);
        var id = created.Json.GetProperty("id").GetInt64();
        var admin = await _host.AdminAsync();
        var answers = new List<ApiResponse> { created, await _host.GetAsync($"/api/accounts/{id}", _seller) };
        answers.Add(await _host.SendAsync("PATCH", $"/api/accounts/{id}", new { price = new { amount = "120", currency = "XTR" } }, _seller, IfMatch(answers[^1])));
        answers.Add(await _host.PostAsync($"/api/accounts/{id}/submit", null, _seller));
        answers.Add(await _host.PostAsync($"/api/accounts/{id}/approve", null, admin));
        answers.Add(await _host.GetAsync("/api/accounts?mine=true", _seller));
        answers.Add(await _host.GetAsync("/api/accounts"));
        answers.Add(await _host.GetAsync($"/api/audit?targetType=listing&targetId={id}", admin));

        Assert.All(answers, a => Assert.DoesNotContain("Hunter2", a.Body ?? "", StringComparison.Ordinal));
        Assert.True(created.Json.GetProperty("hasCredentials").GetBoolean());
    }

    [Fact]
    public async Task ChangeAccountPrice_WithoutIfMatch_Is428()
    {
        var id = await _host.ListingAsync(_seller.UserId!.Value);

        var response = await _host.SendAsync("PATCH", $"/api/accounts/{id}", new { price = new { amount = "120", currency = "XTR" } }, _seller);

        Assert.Equal((428, "precondition-required"), (response.Status, response.ProblemType));
    }

    [Fact]
    public async Task ChangeAccountPrice_WithAStaleIfMatch_Is412()
    {
        var id = await _host.ListingAsync(_seller.UserId!.Value);
        var first = await _host.GetAsync($"/api/accounts/{id}", _seller);
        await _host.SendAsync("PATCH", $"/api/accounts/{id}", new { price = new { amount = "120", currency = "XTR" } }, _seller, IfMatch(first));

        var response = await _host.SendAsync("PATCH", $"/api/accounts/{id}", new { price = new { amount = "130", currency = "XTR" } }, _seller, IfMatch(first));

        Assert.Equal((412, "version-mismatch"), (response.Status, response.ProblemType));
    }

    [Fact]
    public async Task ChangeAccountPrice_WithTheCurrentIfMatch_ChangesThePriceAndTheETag()
    {
        var id = await _host.ListingAsync(_seller.UserId!.Value);
        var first = await _host.GetAsync($"/api/accounts/{id}", _seller);

        var response = await _host.SendAsync("PATCH", $"/api/accounts/{id}", new { price = new { amount = "120", currency = "XTR" } }, _seller, IfMatch(first));

        var read = await _host.GetAsync($"/api/accounts/{id}");
        var amount = decimal.Parse(response.Json.GetProperty("price").GetProperty("amount").GetString()!, CultureInfo.InvariantCulture);
        Assert.Equal((120m, read.Headers.ETag.ToString()), (amount, response.Headers.ETag.ToString()));
    }

    [Fact]
    public async Task ApproveAccount_ByAnAdmin_IsAuditedWithBeforeAndAfter()
    {
        var id = await _host.ListingAsync(_seller.UserId!.Value, "pending_moderation");
        var admin = await _host.AdminAsync();

        await _host.PostAsync($"/api/accounts/{id}/approve", null, admin);

        var audit = (await _host.GetAsync($"/api/audit?targetType=listing&targetId={id}", admin)).Json.GetProperty("items")[0];
        Assert.Equal(
            ("listing.approve", "pendingModeration", "active"),
            (audit.GetProperty("action").GetString(), Status(audit, "before"), Status(audit, "after")));
    }

    [Fact]
    public async Task RejectAccount_ByAKeyWithAccountsWrite_SendsTheListingBackAsADraftWithTheReasonAndIsAudited()
    {
        var id = await _host.ListingAsync(_seller.UserId!.Value, "pending_moderation");

        var response = await _host.PostAsync($"/api/accounts/{id}/reject", new { reason = "  the rank is not shown  " }, await _host.KeyAsync(ApiScopes.AccountsWrite));

        var audit = (await _host.GetAsync($"/api/audit?targetType=listing&targetId={id}", await _host.AdminAsync())).Json.GetProperty("items")[0];
        var seen = (await _host.GetAsync($"/api/accounts/{id}", _seller)).Json;
        Assert.Equal(("draft", "the rank is not shown", "api_key", "draft", "the rank is not shown"),
            (response.Json.GetProperty("status").GetString(), seen.GetProperty("rejectionReason").GetString(),
                audit.GetProperty("actorKind").GetString(), Status(audit, "after"),
                audit.GetProperty("after").GetProperty("rejectionReason").GetString()));
    }

    [Theory]
    [InlineData("{\"reason\":\"   \"}", 422)]
    [InlineData("{}", 400)]
    public async Task RejectAccount_WithoutAReason_IsRefusedAndTheListingStaysPending(string body, int status)
    {
        var id = await _host.ListingAsync(_seller.UserId!.Value, "pending_moderation");

        var response = await _host.PostAsync($"/api/accounts/{id}/reject", body, await _host.AdminAsync());

        var seen = (await _host.GetAsync($"/api/accounts/{id}", _seller)).Json;
        Assert.Equal((status, "pendingModeration"), (response.Status, seen.GetProperty("status").GetString()));
    }

    [Fact]
    public async Task Moderation_TellsTheSellerTheDecisionAndTheReason()
    {
        var admin = await _host.AdminAsync();
        var rejected = await _host.ListingAsync(_seller.UserId!.Value, "pending_moderation");
        var approved = await _host.ListingAsync(_seller.UserId!.Value, "pending_moderation");

        await _host.PostAsync($"/api/accounts/{rejected}/reject", new { reason = "credentials in the description" }, admin);
        await _host.PostAsync($"/api/accounts/{approved}/approve", null, admin);

        var notices = await _host.QueuedNotificationsAsync();
        Assert.Equal(
            [(NotificationKind.ListingRejected, rejected, "credentials in the description"), (NotificationKind.ListingApproved, approved, null)],
            notices.Select(n => (n.Kind, n.ListingId ?? 0, n.Text)).ToArray());
    }

    [Fact]
    public async Task ApproveAccount_OfADraft_IsAConflict()
    {
        var id = await _host.ListingAsync(_seller.UserId!.Value, "draft");

        var response = await _host.PostAsync($"/api/accounts/{id}/approve", null, await _host.AdminAsync());

        Assert.Equal((409, "listing-not-allowed-in-status"), (response.Status, response.ProblemType));
    }

    [Theory]
    [MemberData(nameof(MalformedAccounts))]
    public async Task CreateAccount_MalformedBody_IsAClientProblem(string body) =>
        ApiAssert.ClientProblem(await _host.PostAsync("/api/accounts", body, _seller));

    [Theory]
    [MemberData(nameof(MalformedPrices))]
    public async Task ChangeAccountPrice_MalformedBody_IsAClientProblem(string body)
    {
        var id = await _host.ListingAsync(_seller.UserId!.Value);
        var read = await _host.GetAsync($"/api/accounts/{id}", _seller);

        ApiAssert.ClientProblem(await _host.SendAsync("PATCH", $"/api/accounts/{id}", body, _seller, IfMatch(read)));
    }

    private static Dictionary<string, string> IfMatch(ApiResponse read) => new() { ["If-Match"] = read.Headers.ETag.ToString() };

    private static string? Status(JsonElement audit, string side) => audit.GetProperty(side).GetProperty("status").GetString();

    private Task<List<long>> WalkAsync(string path, ApiCredentials? credentials = null) =>
        _host.WalkAsync(path, credentials, i => i.GetProperty("id").GetInt64());
}
