using TrustyTrade.Core.Deals;
using TrustyTrade.Core.Listings;
using TrustyTrade.Core.Monetary;
using TrustyTrade.Core.Users;
using TrustyTrade.IntegrationTests.Infrastructure;

namespace TrustyTrade.IntegrationTests.Users;

/// <summary>UserService over the real PostgreSQL: registration from Telegram, language, bans and roles.</summary>
[Collection(DatabaseCollectionDefinition.Name)]
public sealed class UserServiceTests(DatabaseFixture database, AppServicesFixture app) : IClassFixture<AppServicesFixture>, IAsyncLifetime
{
    private static readonly Money Price = new(100m, Currency.XTR);

    private readonly TestData _data = new(database.DataSource);
    private readonly UserService _users = app.Get<UserService>();
    private long _nextTelegramId = 500_000;

    public Task InitializeAsync() => database.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Register_NewUsers_TakeTheLanguageFromTheirTelegramLanguageCode()
    {
        (string? Code, string Language)[] expected =
            [("ru", "ru"), ("uk", "ru"), ("ru-RU", "ru"), ("be", "ru"), ("en", "en"), ("en-US", "en"), ("de", "en"), (null, "ru"), ("", "ru")];

        var stored = new List<(string?, string)>();
        foreach (var (code, _) in expected)
        {
            var user = await _users.RegisterAsync(new TelegramProfile(NextTelegramId(), null, code), CancellationToken.None);
            stored.Add((code, (await FindAsync(user.Id)).Language));
        }

        Assert.Equal(expected, stored);
    }

    [Fact]
    public async Task ListRecipients_PagesInIdOrder_LeavingOutTheBannedAndOtherLanguages()
    {
        // The database is reset per test, so these are all its users.
        var ru1 = await _users.RegisterAsync(new TelegramProfile(NextTelegramId(), null, "ru"), CancellationToken.None);
        var en = await _users.RegisterAsync(new TelegramProfile(NextTelegramId(), null, "en"), CancellationToken.None);
        var banned = await _users.RegisterAsync(new TelegramProfile(NextTelegramId(), null, "ru"), CancellationToken.None);
        var ru2 = await _users.RegisterAsync(new TelegramProfile(NextTelegramId(), null, "ru"), CancellationToken.None);
        await app.Get<IUserStore>().SetBannedAsync(banned.Id, true, CancellationToken.None);
        var store = app.Get<IUserStore>();

        var firstPage = await store.ListRecipientsAsync(0, 2, null, CancellationToken.None);
        var secondPage = await store.ListRecipientsAsync(firstPage[^1].UserId, 2, null, CancellationToken.None);
        var russian = await store.ListRecipientsAsync(0, 10, "ru", CancellationToken.None);

        Assert.Equal([new(ru1.Id, ru1.TelegramId, "ru"), new(en.Id, en.TelegramId, "en")], firstPage);
        Assert.Equal([new Recipient(ru2.Id, ru2.TelegramId, "ru")], secondPage);
        Assert.Equal([ru1.Id, ru2.Id], russian.Select(r => r.UserId));
    }

    [Fact]
    public async Task Register_NewUser_IsAPlainUnbannedUserWithoutRatings()
    {
        var telegramId = NextTelegramId();

        var user = await _users.RegisterAsync(new TelegramProfile(telegramId, "newcomer", "en"), CancellationToken.None);

        Assert.Equal(
            (telegramId, "newcomer", UserRole.User, false, 0m, 0),
            (user.TelegramId, user.Username, user.Role, user.IsBanned, user.Rating, user.RatingsCount));
    }

    [Fact]
    public async Task Register_UsernameWithAtSign_IsStoredWithoutIt()
    {
        var user = await _users.RegisterAsync(new TelegramProfile(NextTelegramId(), "@hero", "ru"), CancellationToken.None);

        Assert.Equal("hero", (await FindAsync(user.Id)).Username);
    }

    [Fact]
    public async Task Register_Again_KeepsTheIdAndUpdatesTheUsername()
    {
        var telegramId = NextTelegramId();
        var first = await _users.RegisterAsync(new TelegramProfile(telegramId, "old_name", "ru"), CancellationToken.None);

        var again = await _users.RegisterAsync(new TelegramProfile(telegramId, "new_name", "ru"), CancellationToken.None);

        Assert.Equal((first.Id, "new_name"), (again.Id, (await FindAsync(first.Id)).Username));
        Assert.Equal(1L, await _data.ScalarAsync<long>("SELECT count(*) FROM users"));
    }

    [Fact]
    public async Task Register_Again_KeepsTheLanguageTheUserChose()
    {
        var telegramId = NextTelegramId();
        var user = await _users.RegisterAsync(new TelegramProfile(telegramId, "polyglot", "ru"), CancellationToken.None);
        await _users.SetLanguageAsync(user.Id, UserLanguages.English, CancellationToken.None);

        await _users.RegisterAsync(new TelegramProfile(telegramId, "polyglot", "ru"), CancellationToken.None);

        Assert.Equal(UserLanguages.English, (await FindAsync(user.Id)).Language);
    }

    [Fact]
    public async Task Register_UsernameNowHeldByAnotherTelegramId_MovesToTheNewHolder()
    {
        var oldHolder = await _users.RegisterAsync(new TelegramProfile(NextTelegramId(), "Trader", "ru"), CancellationToken.None);

        var newHolder = await _users.RegisterAsync(new TelegramProfile(NextTelegramId(), "trader", "ru"), CancellationToken.None);

        Assert.Equal(
            ("trader", (string?)null),
            ((await FindAsync(newHolder.Id)).Username, (await FindAsync(oldHolder.Id)).Username));
    }

    [Fact]
    public async Task Register_SameTelegramIdConcurrently_LeavesOneUser()
    {
        var telegramId = NextTelegramId();

        var users = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() =>
            _users.RegisterAsync(new TelegramProfile(telegramId, "racer", "ru"), CancellationToken.None))));

        Assert.Single(users.Select(u => u.Id).Distinct());
    }

    [Fact]
    public async Task SetLanguage_RussianOrEnglish_IsStored()
    {
        var user = await RegisterAsync(languageCode: "de");

        var changes = new List<(string, bool, string)>();
        foreach (var language in new[] { UserLanguages.Russian, UserLanguages.English })
        {
            var changed = await _users.SetLanguageAsync(user, language, CancellationToken.None);
            changes.Add((language, changed, (await FindAsync(user)).Language));
        }

        Assert.Equal([("ru", true, "ru"), ("en", true, "en")], changes);
    }

    [Fact]
    public async Task SetLanguage_ALanguageTheBotDoesNotSpeak_IsRefusedAndChangesNothing()
    {
        var user = await RegisterAsync(languageCode: "ru");

        var answers = new List<(string, bool)>();
        foreach (var language in new[] { "de", "RU", "", "english" })
        {
            answers.Add((language, await _users.SetLanguageAsync(user, language, CancellationToken.None)));
        }

        Assert.Equal([("de", false), ("RU", false), ("", false), ("english", false)], answers);
        Assert.Equal("ru", (await FindAsync(user)).Language);
    }

    [Fact]
    public async Task SetBanned_ByAnAdmin_BansTheUser()
    {
        var admin = await _data.UserAsync(role: "admin");
        var user = await _data.UserAsync();

        var outcome = await _users.SetBannedAsync(admin, user, banned: true, CancellationToken.None);

        Assert.Equal((UserChange.Done, true), (outcome, (await FindAsync(user)).IsBanned));
    }

    [Fact]
    public async Task SetBanned_False_ByAnAdmin_UnbansTheUser()
    {
        var admin = await _data.UserAsync(role: "admin");
        var user = await _data.UserAsync(banned: true);

        var outcome = await _users.SetBannedAsync(admin, user, banned: false, CancellationToken.None);

        Assert.Equal((UserChange.Done, false), (outcome, (await FindAsync(user)).IsBanned));
    }

    [Fact]
    public async Task SetBanned_RefusedRequests_GetTheirCodesAndBanNobody()
    {
        var admin = await _data.UserAsync(role: "admin");
        var bannedAdmin = await _data.UserAsync(role: "admin", banned: true);
        var otherAdmin = await _data.UserAsync(role: "admin");
        var user = await _data.UserAsync();

        var outcomes = new[]
        {
            ("by a user", await _users.SetBannedAsync(user, otherAdmin, banned: true, CancellationToken.None)),
            ("by a banned admin", await _users.SetBannedAsync(bannedAdmin, user, banned: true, CancellationToken.None)),
            ("of an admin", await _users.SetBannedAsync(admin, otherAdmin, banned: true, CancellationToken.None)),
            ("of oneself", await _users.SetBannedAsync(admin, admin, banned: true, CancellationToken.None)),
            ("of an unknown user", await _users.SetBannedAsync(admin, 424242, banned: true, CancellationToken.None)),
        };

        Assert.Equal(
            [
                ("by a user", UserChange.NotAdmin), ("by a banned admin", UserChange.NotAdmin), ("of an admin", UserChange.NotAllowed),
                ("of oneself", UserChange.NotAllowed), ("of an unknown user", UserChange.NotFound),
            ],
            outcomes);
        Assert.Equal([bannedAdmin], await BannedAsync());
    }

    [Fact]
    public async Task BannedUser_CannotBuy()
    {
        var admin = await _data.UserAsync(role: "admin");
        var seller = await _data.UserAsync();
        var buyer = await _data.UserAsync();
        var listing = await _data.ListingAsync(seller, Price);
        await _users.SetBannedAsync(admin, buyer, banned: true, CancellationToken.None);

        var result = await app.Get<DealService>().BuyAsync(
            new(new("test:banned-buyer"), new BuyListing(listing, buyer)), CancellationToken.None);

        Assert.Equal(DealRefusalCode.UserBanned, result.Refusal?.Code);
    }

    [Fact]
    public async Task BannedUser_CannotCreateListings()
    {
        var admin = await _data.UserAsync(role: "admin");
        var seller = await _data.UserAsync();
        await _users.SetBannedAsync(admin, seller, banned: true, CancellationToken.None);

        var result = await app.Get<ListingService>().CreateAsync(
            seller, new ListingDraft("Dota 2", "Immortal account", "Rank 8000", Price), CancellationToken.None);

        Assert.Equal(ListingRefusalCode.UserBanned, result.Refusal?.Code);
    }

    [Fact]
    public async Task SetRole_AdminAppointsAUser_MakesThemAnAdminWhoCanBan()
    {
        var admin = await _data.UserAsync(role: "admin");
        var appointed = await _data.UserAsync();
        var user = await _data.UserAsync();

        var outcome = await _users.SetRoleAsync(admin, appointed, UserRole.Admin, CancellationToken.None);

        Assert.Equal(
            (UserChange.Done, UserRole.Admin, UserChange.Done),
            (outcome, (await FindAsync(appointed)).Role, await _users.SetBannedAsync(appointed, user, banned: true, CancellationToken.None)));
    }

    [Fact]
    public async Task SetRole_AdminDemotesAnotherAdmin_MakesThemAUser()
    {
        var admin = await _data.UserAsync(role: "admin");
        var otherAdmin = await _data.UserAsync(role: "admin");

        var outcome = await _users.SetRoleAsync(admin, otherAdmin, UserRole.User, CancellationToken.None);

        Assert.Equal((UserChange.Done, UserRole.User), (outcome, (await FindAsync(otherAdmin)).Role));
    }

    [Fact]
    public async Task SetRole_OfOneself_IsRefusedAsNotAllowedAndChangesNothing()
    {
        var admin = await _data.UserAsync(role: "admin");

        var outcome = await _users.SetRoleAsync(admin, admin, UserRole.User, CancellationToken.None);

        Assert.Equal((UserChange.NotAllowed, UserRole.Admin), (outcome, (await FindAsync(admin)).Role));
    }

    [Fact]
    public async Task SetRole_ByANonAdmin_IsRefusedAsNotAdminAndChangesNothing()
    {
        var user = await _data.UserAsync();
        var other = await _data.UserAsync();

        var outcomes = new[]
        {
            await _users.SetRoleAsync(user, other, UserRole.Admin, CancellationToken.None),
            await _users.SetRoleAsync(user, user, UserRole.Admin, CancellationToken.None),
        };

        Assert.Equal([UserChange.NotAdmin, UserChange.NotAdmin], outcomes);
        Assert.Equal(0L, await _data.ScalarAsync<long>("SELECT count(*) FROM users WHERE role = 'admin'"));
    }

    [Fact]
    public async Task SetRole_OfAnUnknownUser_IsRefusedAsNotFound()
    {
        var admin = await _data.UserAsync(role: "admin");

        Assert.Equal(UserChange.NotFound, await _users.SetRoleAsync(admin, 424242, UserRole.Admin, CancellationToken.None));
    }

    private long NextTelegramId() => ++_nextTelegramId;

    private async Task<long> RegisterAsync(string languageCode) =>
        (await _users.RegisterAsync(new TelegramProfile(NextTelegramId(), null, languageCode), CancellationToken.None)).Id;

    private Task<long[]> BannedAsync() =>
        _data.ScalarAsync<long[]>("SELECT coalesce(array_agg(id ORDER BY id), '{}') FROM users WHERE is_banned");

    private async Task<User> FindAsync(long userId) =>
        await _users.FindAsync(userId, CancellationToken.None) ?? throw new InvalidOperationException($"user {userId} is gone");
}
