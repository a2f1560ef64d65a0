using System.Globalization;
using System.Text;
using TrustyTrade.Core.Deals;
using TrustyTrade.Core.Listings;
using TrustyTrade.Core.Monetary;
using TrustyTrade.Core.Users;
using TrustyTrade.Core.Vault;
using TrustyTrade.IntegrationTests.Infrastructure;

namespace TrustyTrade.IntegrationTests.Listings;

/// <summary>ListingService over the real PostgreSQL: validation, the moderation path, removal, and sealed credentials.</summary>
[Collection(DatabaseCollectionDefinition.Name)]
public sealed class ListingServiceTests(DatabaseFixture database, AppServicesFixture app) : IClassFixture<AppServicesFixture>, IAsyncLifetime
{
    private const string Credentials = "login: hero@example.com / пароль: Tr0ub4dor&3";

    private static readonly ListingDraft ValidDraft =
        new("Dota 2", "Immortal account", "Rank 8000, all heroes, e-mail included", new Money(100m, Currency.XTR));

    private readonly TestData _data = new(database.DataSource);
    private readonly ListingService _listings = app.Get<ListingService>();
    private readonly DealService _deals = app.Get<DealService>();

    /// <summary>Drafts the service must refuse, by name, with the code it must give.</summary>
    private static readonly (string Draft, ListingRefusalCode Code)[] InvalidDrafts =
    [
        ("empty game", ListingRefusalCode.InvalidGame),
        ("blank game", ListingRefusalCode.InvalidGame),
        ("game of 101 characters", ListingRefusalCode.InvalidGame),
        ("empty title", ListingRefusalCode.InvalidTitle),
        ("title of 121 characters", ListingRefusalCode.InvalidTitle),
        ("empty description", ListingRefusalCode.InvalidDescription),
        ("description of 4001 characters", ListingRefusalCode.InvalidDescription),
        ("zero price", ListingRefusalCode.InvalidPrice),
        ("negative price", ListingRefusalCode.InvalidPrice),
        ("XTR above the maximum", ListingRefusalCode.InvalidPrice),
        ("USDT above the maximum", ListingRefusalCode.InvalidPrice),
        ("fractional XTR", ListingRefusalCode.InvalidPrice),
        ("USDT with 7 decimals", ListingRefusalCode.InvalidPrice),
        ("blank credentials", ListingRefusalCode.InvalidCredentials),
        ("credentials of 2001 characters", ListingRefusalCode.InvalidCredentials),
    ];

    /// <summary>Drafts right at the limits, which the service must accept.</summary>
    private static readonly string[] BoundaryDrafts =
    [
        "game of 100 characters",
        "title of 120 characters",
        "description of 4000 characters",
        "XTR at the maximum",
        "USDT at the maximum",
        "one millionth of a USDT",
        "credentials of 2000 characters",
    ];

    private static readonly ListingStatus[] RemovableStatuses = [ListingStatus.Draft, ListingStatus.PendingModeration, ListingStatus.Active];

    public Task InitializeAsync() => database.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Create_InvalidDrafts_AreRefusedEachWithItsCode()
    {
        var seller = await _data.UserAsync();

        var refusals = new List<(string, ListingRefusalCode?)>();
        foreach (var (draft, _) in InvalidDrafts)
        {
            refusals.Add((draft, (await _listings.CreateAsync(seller, Draft(draft), CancellationToken.None)).Refusal?.Code));
        }

        Assert.Equal(InvalidDrafts.Select(d => (d.Draft, (ListingRefusalCode?)d.Code)), refusals);
    }

    [Fact]
    public async Task Create_InvalidDrafts_StoreNothing()
    {
        var seller = await _data.UserAsync();

        foreach (var (draft, _) in InvalidDrafts)
        {
            await _listings.CreateAsync(seller, Draft(draft), CancellationToken.None);
        }

        Assert.Equal(0, await _data.ScalarAsync<long>("SELECT count(*) FROM accounts"));
    }

    [Fact]
    public async Task Create_DraftsAtTheLimits_AreAccepted()
    {
        var seller = await _data.UserAsync();

        var refusals = new List<(string, ListingRefusal?)>();
        foreach (var draft in BoundaryDrafts)
        {
            refusals.Add((draft, (await _listings.CreateAsync(seller, Draft(draft), CancellationToken.None)).Refusal));
        }

        Assert.Equal(BoundaryDrafts.Select(d => (d, (ListingRefusal?)null)), refusals);
    }

    [Fact]
    public async Task Create_ByABannedOrUnknownSeller_IsRefusedAsUserBanned()
    {
        var banned = await _data.UserAsync(banned: true);

        var refusals = new[]
        {
            (await _listings.CreateAsync(banned, ValidDraft, CancellationToken.None)).Refusal?.Code,
            (await _listings.CreateAsync(424242, ValidDraft, CancellationToken.None)).Refusal?.Code,
        };

        Assert.Equal([ListingRefusalCode.UserBanned, ListingRefusalCode.UserBanned], refusals);
    }

    [Fact]
    public async Task Create_ValidDraft_StoresADraftAsEntered()
    {
        var seller = await _data.UserAsync();

        var created = await CreateAsync(seller, ValidDraft with { Game = "  Dota   2 ", Title = " Immortal   account " });

        Assert.Equal(
            new Listing(created.Id, seller, "Dota 2", "Immortal account", ValidDraft.Description, ValidDraft.Price, ListingStatus.Draft,
                false, app.Time.GetUtcNow()),
            await FindAsync(created.Id));
    }

    [Fact]
    public async Task Create_ValidDraft_IsNotSearchable()
    {
        var seller = await _data.UserAsync();
        await CreateAsync(seller, ValidDraft);

        Assert.Empty(await SearchDotaAsync());
    }

    [Fact]
    public async Task Submit_BySeller_MovesTheDraftToPendingModeration()
    {
        var seller = await _data.UserAsync();
        var listing = await CreateAsync(seller, ValidDraft);

        await _listings.SubmitAsync(listing.Id, seller, CancellationToken.None);

        Assert.Equal(ListingStatus.PendingModeration, (await FindAsync(listing.Id)).Status);
    }

    [Fact]
    public async Task Submit_ByAnotherUser_IsRefusedAsNotOwnerAndLeavesTheDraft()
    {
        var seller = await _data.UserAsync();
        var other = await _data.UserAsync();
        var listing = await CreateAsync(seller, ValidDraft);

        var result = await _listings.SubmitAsync(listing.Id, other, CancellationToken.None);

        Assert.Equal((ListingRefusalCode.NotOwner, ListingStatus.Draft), (result.Refusal?.Code, (await FindAsync(listing.Id)).Status));
    }

    [Fact]
    public async Task Submit_WhenAlreadyPending_IsRefusedAsNotAllowedInStatus()
    {
        var seller = await _data.UserAsync();
        var listing = await PendingAsync(seller);

        var result = await _listings.SubmitAsync(listing.Id, seller, CancellationToken.None);

        Assert.Equal(ListingRefusalCode.NotAllowedInStatus, result.Refusal?.Code);
    }

    [Fact]
    public async Task Moderate_ApprovedByAnAdmin_MakesTheListingActive()
    {
        var seller = await _data.UserAsync();
        var admin = await _data.UserAsync(role: "admin");
        var listing = await PendingAsync(seller);

        await _listings.ApproveAsync(listing.Id, admin, CancellationToken.None);

        Assert.Equal(ListingStatus.Active, (await FindAsync(listing.Id)).Status);
    }

    [Fact]
    public async Task Moderate_ApprovedByAnAdmin_PutsTheListingInSearch()
    {
        var seller = await _data.UserAsync();
        var admin = await _data.UserAsync(role: "admin");
        var listing = await PendingAsync(seller);

        await _listings.ApproveAsync(listing.Id, admin, CancellationToken.None);

        Assert.Equal([listing.Id], (await SearchDotaAsync()).Select(l => l.Id));
    }

    [Fact]
    public async Task Moderate_RejectedByAnAdmin_SendsTheListingBackToDraft()
    {
        var seller = await _data.UserAsync();
        var admin = await _data.UserAsync(role: "admin");
        var listing = await PendingAsync(seller);

        await _listings.RejectAsync(listing.Id, admin, "the title does not match the account", CancellationToken.None);

        Assert.Equal(ListingStatus.Draft, (await FindAsync(listing.Id)).Status);
    }

    [Fact]
    public async Task Moderate_ByANonAdmin_IsRefusedAsNotAdminAndLeavesThePendingListing()
    {
        var seller = await _data.UserAsync();
        var user = await _data.UserAsync();
        var listing = await PendingAsync(seller);

        var result = await _listings.ApproveAsync(listing.Id, user, CancellationToken.None);

        Assert.Equal((ListingRefusalCode.NotAdmin, ListingStatus.PendingModeration), (result.Refusal?.Code, (await FindAsync(listing.Id)).Status));
    }

    [Fact]
    public async Task Moderate_ByThePlatform_ApprovesWithoutAnAdmin()
    {
        var listing = await PendingAsync(await _data.UserAsync());

        await _listings.ApproveAsync(listing.Id, Actor.System, CancellationToken.None);

        Assert.Equal(ListingStatus.Active, (await FindAsync(listing.Id)).Status);
    }

    [Fact]
    public async Task Moderate_ByAUserActor_IsRefusedAsNotAdmin()
    {
        var seller = await _data.UserAsync();
        var listing = await PendingAsync(seller);

        var result = await _listings.ApproveAsync(listing.Id, Actor.User(seller), CancellationToken.None);

        Assert.Equal(ListingRefusalCode.NotAdmin, result.Refusal?.Code);
    }

    [Fact]
    public async Task Search_ByStatusAndSeller_FindsOnlyThatSellersListingsInThatStatus()
    {
        var seller = await _data.UserAsync();
        var pending = await PendingAsync(seller);
        await PendingAsync(await _data.UserAsync());
        await _listings.CreateAsync(seller, ValidDraft, CancellationToken.None);

        var (page, _) = await _listings.SearchAsync(
            new ListingQuery(Status: ListingStatus.PendingModeration, SellerId: seller), CancellationToken.None);

        Assert.Equal([pending.Id], page!.Items.Select(l => l.Id));
    }

    [Fact]
    public async Task Moderate_BySomeoneWhoIsNoActiveAdmin_IsRefusedAsNotAdmin()
    {
        var seller = await _data.UserAsync();
        var bannedAdmin = await _data.UserAsync(role: "admin", banned: true);
        var listing = await PendingAsync(seller);

        var refusals = new[]
        {
            (await _listings.ApproveAsync(listing.Id, seller, CancellationToken.None)).Refusal?.Code,
            (await _listings.ApproveAsync(listing.Id, bannedAdmin, CancellationToken.None)).Refusal?.Code,
            (await _listings.ApproveAsync(listing.Id, 424242, CancellationToken.None)).Refusal?.Code,
        };

        Assert.Equal([ListingRefusalCode.NotAdmin, ListingRefusalCode.NotAdmin, ListingRefusalCode.NotAdmin], refusals);
    }

    [Fact]
    public async Task Moderate_ADraftNotSubmitted_IsRefusedAsNotAllowedInStatus()
    {
        var seller = await _data.UserAsync();
        var admin = await _data.UserAsync(role: "admin");
        var listing = await CreateAsync(seller, ValidDraft);

        var result = await _listings.ApproveAsync(listing.Id, admin, CancellationToken.None);

        Assert.Equal(ListingRefusalCode.NotAllowedInStatus, result.Refusal?.Code);
    }

    [Fact]
    public async Task Remove_BySellerOrAdmin_FromDraftPendingOrActive_TakesTheListingOffTheMarket()
    {
        var seller = await _data.UserAsync();
        var admin = await _data.UserAsync(role: "admin");

        var removed = new List<(ListingStatus From, string By, ListingStatus Now)>();
        foreach (var (status, by) in RemovableStatuses.SelectMany(s => new[] { (s, "seller"), (s, "admin") }))
        {
            var listing = await _data.ListingAsync(seller, ValidDraft.Price, status.ToName());
            await _listings.RemoveAsync(listing, by == "seller" ? Actor.User(seller) : Actor.Admin(admin), CancellationToken.None);
            removed.Add((status, by, (await FindAsync(listing)).Status));
        }

        Assert.Equal(removed.Select(r => (r.From, r.By, ListingStatus.Removed)), removed);
    }

    [Fact]
    public async Task Remove_ByAnotherUser_IsRefusedAsNotOwnerAndLeavesTheListing()
    {
        var seller = await _data.UserAsync();
        var other = await _data.UserAsync();
        var listing = await _data.ListingAsync(seller, ValidDraft.Price);

        var result = await _listings.RemoveAsync(listing, Actor.User(other), CancellationToken.None);

        Assert.Equal((ListingRefusalCode.NotOwner, ListingStatus.Active), (result.Refusal?.Code, (await FindAsync(listing)).Status));
    }

    [Fact]
    public async Task Remove_WhileADealHoldsTheListing_IsRefusedAsNotAllowedInStatusToSellerAndAdmin()
    {
        var seller = await _data.UserAsync();
        var admin = await _data.UserAsync(role: "admin");
        var listing = await _data.ListingAsync(seller, ValidDraft.Price);
        await TestData.BuyAsync(_deals, listing, await _data.UserAsync());

        var refusals = new[]
        {
            (await _listings.RemoveAsync(listing, Actor.User(seller), CancellationToken.None)).Refusal?.Code,
            (await _listings.RemoveAsync(listing, Actor.Admin(admin), CancellationToken.None)).Refusal?.Code,
        };

        Assert.Equal([ListingRefusalCode.NotAllowedInStatus, ListingRefusalCode.NotAllowedInStatus], refusals);
    }

    [Fact]
    public async Task Remove_WhileADealHoldsTheListing_LeavesItReserved()
    {
        var seller = await _data.UserAsync();
        var listing = await _data.ListingAsync(seller, ValidDraft.Price);
        await TestData.BuyAsync(_deals, listing, await _data.UserAsync());

        await _listings.RemoveAsync(listing, Actor.User(seller), CancellationToken.None);

        Assert.Equal(ListingStatus.Reserved, (await FindAsync(listing)).Status);
    }

    [Fact]
    public async Task UnknownListing_IsRefusedAsNotFoundEverywhere()
    {
        var admin = await _data.UserAsync(role: "admin");

        var refusals = new[]
        {
            (await _listings.SubmitAsync(987654, admin, CancellationToken.None)).Refusal?.Code,
            (await _listings.ApproveAsync(987654, admin, CancellationToken.None)).Refusal?.Code,
            (await _listings.RemoveAsync(987654, Actor.Admin(admin), CancellationToken.None)).Refusal?.Code,
        };

        Assert.Equal([ListingRefusalCode.NotFound, ListingRefusalCode.NotFound, ListingRefusalCode.NotFound], refusals);
    }

    [Fact]
    public async Task Create_WithCredentials_StoresCiphertextWithoutThePlaintext()
    {
        var seller = await _data.UserAsync();
        var listing = await CreateAsync(seller, ValidDraft with { Credentials = Credentials });

        var stored = await _data.ScalarAsync<byte[]>("SELECT credentials FROM accounts WHERE id = @id", new { id = listing.Id });

        Assert.True(stored.Length > 0 && stored.AsSpan().IndexOf(Encoding.UTF8.GetBytes(Credentials)) < 0,
            "the credentials column holds the plaintext or nothing");
    }

    [Fact]
    public async Task Create_WithCredentials_StoresTheConfiguredKeyIdBesideTheCiphertext()
    {
        var seller = await _data.UserAsync();
        var listing = await CreateAsync(seller, ValidDraft with { Credentials = Credentials });

        var keyId = await _data.ScalarAsync<string>("SELECT credentials_key_id FROM accounts WHERE id = @id", new { id = listing.Id });

        Assert.Equal(app.Configuration["Vault:ActiveKeyId"], keyId);
    }

    [Fact]
    public async Task RevealCredentials_ToTheBuyerAfterDelivery_ReturnsThePlaintext()
    {
        var (deal, _, buyer) = await DealWithCredentialsAsync(DealStatus.Delivered);

        Assert.Equal(Credentials, await _listings.RevealCredentialsAsync(deal.Id, buyer, CancellationToken.None));
    }

    [Fact]
    public async Task RevealCredentials_ToTheBuyerBeforeDelivery_ReturnsNull()
    {
        var (deal, _, buyer) = await DealWithCredentialsAsync(DealStatus.Paid);

        Assert.Null(await _listings.RevealCredentialsAsync(deal.Id, buyer, CancellationToken.None));
    }

    [Fact]
    public async Task RevealCredentials_ToAnyoneButTheBuyer_ReturnsNull()
    {
        var (deal, seller, _) = await DealWithCredentialsAsync(DealStatus.Delivered);
        var stranger = await _data.UserAsync();
        var admin = await _data.UserAsync(role: "admin");

        var revealed = await Task.WhenAll(
            new[] { seller, stranger, admin }.Select(viewer => _listings.RevealCredentialsAsync(deal.Id, viewer, CancellationToken.None)));

        Assert.All(revealed, Assert.Null);
    }

    [Fact]
    public async Task RevealCredentials_CiphertextCopiedOntoAnotherListing_DoesNotOpenForThatListingsDeal()
    {
        var seller = await _data.UserAsync();
        var buyer = await _data.UserAsync();
        var original = await CreateAsync(seller, ValidDraft with { Credentials = Credentials });
        var copy = await ActiveAsync(seller, ValidDraft with { Title = "Another account", Credentials = "something else" });
        await _data.ExecuteAsync(
            """
            UPDATE accounts c SET credentials = o.credentials, credentials_key_id = o.credentials_key_id
            FROM accounts o WHERE o.id = @original AND c.id = @copy
            """,
            new { original = original.Id, copy = copy.Id });
        var deal = await TestData.DriveAsync(_deals, await TestData.BuyAsync(_deals, copy.Id, buyer), DealStatus.Delivered);

        await Assert.ThrowsAsync<CredentialVaultException>(() => _listings.RevealCredentialsAsync(deal.Id, buyer, CancellationToken.None));
    }

    private ListingDraft Draft(string name)
    {
        var xtr = ValidDraft.Price with { Amount = 100m };
        var usdt = new Money(10m, Currency.USDT);
        return name switch
        {
            "empty game" => ValidDraft with { Game = "" },
            "blank game" => ValidDraft with { Game = "  \t " },
            "game of 101 characters" => ValidDraft with { Game = new string('g', 101) },
            "game of 100 characters" => ValidDraft with { Game = new string('g', 100) },
            "empty title" => ValidDraft with { Title = "" },
            "title of 121 characters" => ValidDraft with { Title = new string('t', 121) },
            "title of 120 characters" => ValidDraft with { Title = new string('t', 120) },
            "empty description" => ValidDraft with { Description = "" },
            "description of 4001 characters" => ValidDraft with { Description = new string('d', 4001) },
            "description of 4000 characters" => ValidDraft with { Description = new string('d', 4000) },
            "zero price" => ValidDraft with { Price = xtr with { Amount = 0m } },
            "negative price" => ValidDraft with { Price = xtr with { Amount = -5m } },
            "XTR above the maximum" => ValidDraft with { Price = xtr with { Amount = MaxPrice("MaxPriceXtr") + 1 } },
            "XTR at the maximum" => ValidDraft with { Price = xtr with { Amount = MaxPrice("MaxPriceXtr") } },
            "USDT above the maximum" => ValidDraft with { Price = usdt with { Amount = MaxPrice("MaxPriceUsdt") + 0.000001m } },
            "USDT at the maximum" => ValidDraft with { Price = usdt with { Amount = MaxPrice("MaxPriceUsdt") } },
            "fractional XTR" => ValidDraft with { Price = xtr with { Amount = 99.5m } },
            "USDT with 7 decimals" => ValidDraft with { Price = usdt with { Amount = 10.0000001m } },
            "one millionth of a USDT" => ValidDraft with { Price = usdt with { Amount = 0.000001m } },
            "blank credentials" => ValidDraft with { Credentials = "   " },
            "credentials of 2001 characters" => ValidDraft with { Credentials = new string('c', 2001) },
            "credentials of 2000 characters" => ValidDraft with { Credentials = new string('c', 2000) },
            _ => throw new ArgumentOutOfRangeException(nameof(name), name, "no such draft"),
        };
    }

    private decimal MaxPrice(string setting) =>
        decimal.Parse(app.Configuration[$"{ListingOptions.SectionName}:{setting}"]!, CultureInfo.InvariantCulture);

    private async Task<Listing> CreateAsync(long seller, ListingDraft draft)
    {
        var result = await _listings.CreateAsync(seller, draft, CancellationToken.None);
        return result.Listing ?? throw new InvalidOperationException($"create refused: {result.Refusal}");
    }

    private async Task<Listing> PendingAsync(long seller)
    {
        var listing = await CreateAsync(seller, ValidDraft);
        var result = await _listings.SubmitAsync(listing.Id, seller, CancellationToken.None);
        return result.Listing ?? throw new InvalidOperationException($"submit refused: {result.Refusal}");
    }

    /// <summary>A listing taken through the real path: created, submitted, approved by an admin.</summary>
    private async Task<Listing> ActiveAsync(long seller, ListingDraft draft)
    {
        var admin = await _data.UserAsync(role: "admin");
        var listing = await CreateAsync(seller, draft);
        await _listings.SubmitAsync(listing.Id, seller, CancellationToken.None);
        var result = await _listings.ApproveAsync(listing.Id, admin, CancellationToken.None);
        return result.Listing ?? throw new InvalidOperationException($"moderation refused: {result.Refusal}");
    }

    private async Task<(Deal Deal, long Seller, long Buyer)> DealWithCredentialsAsync(DealStatus status)
    {
        var seller = await _data.UserAsync();
        var buyer = await _data.UserAsync();
        var listing = await ActiveAsync(seller, ValidDraft with { Credentials = Credentials });
        var deal = await TestData.DriveAsync(_deals, await TestData.BuyAsync(_deals, listing.Id, buyer), status);
        return (deal, seller, buyer);
    }

    [Fact]
    public async Task Search_HidesTheListingsOfABannedSellerUntilTheyAreUnbanned()
    {
        var seller = await _data.UserAsync();
        var admin = await _data.UserAsync("admin");
        var listing = await _data.ListingAsync(seller, new Money(100m, Currency.XTR));
        var users = app.Get<UserService>();

        await users.SetBannedAsync(admin, seller, banned: true, CancellationToken.None);
        var whileBanned = (await SearchDotaAsync()).Select(l => l.Id).ToArray();
        await users.SetBannedAsync(admin, seller, banned: false, CancellationToken.None);
        var afterUnban = (await SearchDotaAsync()).Select(l => l.Id).ToArray();

        Assert.Equal((false, true), (whileBanned.Contains(listing), afterUnban.Contains(listing)));
    }

    private async Task<Listing> FindAsync(long listingId) =>
        await app.Get<IListingStore>().FindAsync(listingId, CancellationToken.None)
        ?? throw new InvalidOperationException($"listing {listingId} is gone");

    private async Task<IReadOnlyList<Listing>> SearchDotaAsync()
    {
        var (page, refusal) = await _listings.SearchAsync(new ListingQuery(Game: "Dota 2"), CancellationToken.None);
        return page?.Items ?? throw new InvalidOperationException($"search refused: {refusal}");
    }
}
