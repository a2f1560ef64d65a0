using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using TrustyTrade.Core.Listings;
using TrustyTrade.Core.Monetary;
using TrustyTrade.IntegrationTests.Infrastructure;

namespace TrustyTrade.IntegrationTests.Listings;

/// <summary>
/// ListingService.SearchAsync over a few hundred listings put straight into PostgreSQL, checked against the same
/// seed filtered and ordered by LINQ: every case walks all pages with the returned cursor.
/// </summary>
/// <remarks>
/// Searching only reads, so the database is reset and seeded once for the class and again after any test that
/// writes (<see cref="_writes"/>), instead of before each of the hundred cases: that keeps the class to about a second.
/// </remarks>
[Collection(DatabaseCollectionDefinition.Name)]
public sealed partial class ListingSearchTests(DatabaseFixture database, AppServicesFixture app, ListingSearchTests.SeededDatabase seeded)
    : IClassFixture<AppServicesFixture>, IClassFixture<ListingSearchTests.SeededDatabase>, IAsyncLifetime
{
    private const int SeedCount = 400;
    private const string Dota = "Dota 2";
    private const string Tanks = "Мир танков";

    private static readonly string[] Games = [Dota, "Counter-Strike 2", "Genshin Impact", Tanks];
    private static readonly string[] Statuses = ["draft", "pending_moderation", "reserved", "sold", "removed"];
    private static readonly decimal[] StarPrices = [50m, 100m, 100m, 250m, 500m, 1000m, 2500m];
    private static readonly decimal[] UsdtPrices = [5m, 9.99m, 10.5m, 10.500001m, 25m, 100m];

    private static readonly string[] Words =
    [
        "account", "accounts", "rare", "rank", "ranked", "hero", "heroes", "skin", "skins", "legendary", "starter", "gold",
        "аккаунт", "аккаунты", "редкий", "ранг", "герой", "герои", "скин", "скины", "легендарный", "прокачанный", "золото", "ёлка",
        LongWord,
    ];

    /// <summary>A word longer than the 30 letters a search word keeps: found by its first 30, and by anything longer.</summary>
    private const string LongWord = "сверхпрокачанныйлегендарныйаккаунт";

    private static readonly DateTimeOffset Epoch = new(2026, 10, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly TestData _data = new(database.DataSource);
    private readonly ListingService _listings = app.Get<ListingService>();
    private bool _writes;

    /// <summary>Queries whose every page, walked with the cursor, must match the LINQ answer, by name.</summary>
    private static readonly string[] QueryNames =
    [
        "everything, newest first",
        "one game",
        "one game given with extra spaces",
        "a Cyrillic game",
        "XTR only",
        "USDT only",
        "XTR price band",
        "USDT price band at 6 decimals",
        "USDT from a minimum",
        "XTR up to a maximum",
        "game, currency and price band",
        "English prefix without a game",
        "English prefix in a game",
        "Cyrillic prefix without a game",
        "Cyrillic prefix in a game",
        "upper-case Cyrillic prefix in a game",
        "mixed-case English word without a game",
        "two words, both required, without a game",
        "two words, both required, in a game",
        "Russian and English words together",
        "word with ё",
        "words in a Cyrillic game",
        "words and price in a game",
        "a one-letter prefix in a game",
        "a one-letter prefix without a game",
        "a word cut to its first 30 letters, in a game",
        "a word cut to its first 30 letters, without a game",
        "a word nothing has",
        "a word inside others that starts nothing",
        "a game nothing is listed in",
    ];

    public static TheoryData<string> Queries => new(QueryNames);

    public static TheoryData<ListingSort> Sorts => new() { ListingSort.Newest, ListingSort.PriceAscending, ListingSort.PriceDescending };

    public static TheoryData<string> OperatorTexts => new()
    {
        "a & b | !c (d)",
        "rare & !hero | (skin)",
        "'rare' \\ \"hero\"",
        "ran:* <-> gold",
        "редк & !(гер)",
        "\\' '' \\\\",
        "&|!():*",
    };

    public static TheoryData<string> Tamperings => new()
    {
        "separators replaced",
        "field added",
        "letter appended to the id",
        "sign put on the price",
        "unknown sort",
        "character outside base64url",
        "cut inside a base64 group",
    };

    /// <summary>Cursors a client could make by hand that decode, at the limits of their types.</summary>
    public static TheoryData<string, ListingSort> EdgeTokens => new()
    {
        { "0|0|1", ListingSort.Newest },
        { $"0|{DateTimeOffset.MaxValue.UtcTicks}|1", ListingSort.Newest },
        { $"0|{Epoch.UtcTicks + 1}|{long.MaxValue}", ListingSort.Newest },
        { $"1|{decimal.MaxValue}|1", ListingSort.PriceAscending },
        { "1|0.0000000000000000000000000001|0", ListingSort.PriceAscending },
        { $"2|{decimal.MaxValue}|{long.MaxValue}", ListingSort.PriceDescending },
    };

    /// <summary>Queries the service must refuse as <see cref="ListingRefusalCode.InvalidQuery"/>, by name.</summary>
    public static TheoryData<string> InvalidQueries => new()
    {
        "price ascending without a currency",
        "price descending without a currency",
        "minimum price without a currency",
        "maximum price without a currency",
        "minimum above maximum",
        "negative minimum",
        "limit 0",
        "limit above the maximum page size",
        "cursor of another sort order",
    };

    public static TheoryData<string> GarbageTokens => new()
    {
        "",
        "not a cursor",
        "!!!!",
        "a",
        "@@@@@@@@@@@@",
        Base64Url("hello"),
        Base64Url("0|123"),
        Base64Url("0|123|4|5"),
        Base64Url("0|abc|5"),
        Base64Url("0|-5|5"),
        Base64Url("0|123|-5"),
        Base64Url("0|123|x"),
        Base64Url("0|99999999999999999999|5"),
        Base64Url("1|1e5|5"),
        Base64Url("1|-3|5"),
        Base64Url("1||5"),
        Base64Url("9|100|5"),
        Base64Url("x|100|5"),
        Base64Url("0|123|99999999999999999999"),
        Base64Url("1|" + new string('9', 40) + "|5"),
        Base64Url($"0|{DateTimeOffset.MaxValue.UtcTicks + 1}|5"),
        new string('A', 101),
    };

    private IReadOnlyList<Seeded> Seed => seeded.Listings;

    public async Task InitializeAsync()
    {
        if (seeded.IsCurrent)
        {
            return;
        }

        await database.ResetAsync();
        var seller = await _data.UserAsync();
        var random = new Random(20261128);
        var seeds = Enumerable.Range(0, SeedCount).Select(_ => NewSeed(random)).ToArray();
        var ids = await _data.ListingsAsync(seller, seeds);
        seeded.Reset(seller, [.. seeds.Zip(ids, (seed, id) => new Seeded(id, seed))]);
    }

    public Task DisposeAsync()
    {
        if (_writes)
        {
            seeded.Invalidate();
        }

        return Task.CompletedTask;
    }

    [Theory]
    [MemberData(nameof(Queries))]
    public async Task Search_WalkingEveryPage_ReturnsExactlyWhatLinqFinds(string name)
    {
        var query = Query(name);

        var found = await WalkAsync(query);

        Assert.Equal(Expected(query), found.Select(l => l.Id));
    }

    [Theory]
    [MemberData(nameof(Sorts))]
    public async Task Search_EachSortOrder_MatchesLinqIncludingTiesBrokenById(ListingSort sort)
    {
        var query = new ListingQuery(Currency: Currency.XTR, Sort: sort, Limit: 7);

        var found = await WalkAsync(query);

        Assert.Equal(Expected(query), found.Select(l => l.Id));
    }

    [Theory]
    [MemberData(nameof(Sorts))]
    public async Task Search_EachSortOrderInUsdt_MatchesLinq(ListingSort sort)
    {
        var query = new ListingQuery(Game: Dota, Currency: Currency.USDT, Sort: sort, Limit: 3);

        var found = await WalkAsync(query);

        Assert.Equal(Expected(query), found.Select(l => l.Id));
    }

    [Fact]
    public void Seed_HasTiesOnPriceAndOnCreationTime()
    {
        var active = Seed.Where(s => s.Seed.Status == "active").ToArray();

        Assert.True(
            active.GroupBy(s => s.Seed.Price).Any(g => g.Count() > 7) && active.GroupBy(s => s.Seed.CreatedAt).Any(g => g.Count() > 2),
            "the seed must hold ties longer than a page for the ordering tests to mean anything");
    }

    [Fact]
    public void Seed_GivesEachQueryMoreThanOnePageToFind()
    {
        var thin = QueryNames
            .Where(name => !name.Contains("nothing", StringComparison.Ordinal))
            .Select(name => (Name: name, Count: Expected(Query(name)).Count, Query(name).Limit))
            .Where(q => q.Count <= q.Limit)
            .ToArray();

        Assert.True(thin.Length == 0, "queries with too little to page through: " + string.Join("; ", thin.Select(q => $"{q.Name} finds {q.Count}")));
    }

    [Fact]
    public async Task Search_EverythingAcrossPages_ReturnsOnlyActiveListings()
    {
        var found = await WalkAsync(new ListingQuery(Limit: 50));

        Assert.All(found, l => Assert.Equal(ListingStatus.Active, l.Status));
    }

    [Fact]
    public async Task Search_ResultsAsAWholeNumberOfPages_LastPageHasNoNextCursor()
    {
        var query = new ListingQuery(Game: Dota, Currency: Currency.XTR);
        var total = Expected(query).Count;
        var limit = Enumerable.Range(1, 50).Last(l => total % l == 0 && total / l >= 2);

        var pages = await PagesAsync(query with { Limit = limit });

        Assert.Equal(Enumerable.Repeat(limit, total / limit), pages.Select(p => p.Items.Count));
    }

    [Theory]
    [MemberData(nameof(Sorts))]
    public async Task Search_ListingsInsertedBetweenPages_CauseNoDuplicatesOrGaps(ListingSort sort)
    {
        var query = new ListingQuery(Currency: Currency.XTR, Sort: sort, Limit: 10);
        var expected = Expected(query);
        var first = (await _listings.SearchAsync(query, CancellationToken.None)).Page!;
        var last = first.Items[^1];
        _writes = true;
        var inserted = await _data.ListingsAsync(seeded.SellerId,
        [
            new(Dota, "Newest of all", "fresh", new Money(1m, Currency.XTR), "active", Epoch.AddDays(30)),
            new(Dota, "Oldest of all", "stale", new Money(99_999m, Currency.XTR), "active", Epoch.AddDays(-30)),
            new(Dota, "Ties with the cursor", "tie", last.Price, "active", last.CreatedAt),
            new(Dota, "Just after the cursor", "next", last.Price, "active", last.CreatedAt.AddTicks(-10)),
        ]);

        var rest = await WalkAsync(query, first.Next);

        var found = first.Items.Select(l => l.Id).Concat(rest.Select(l => l.Id)).ToArray();
        Assert.Equal(expected, found.Where(id => !inserted.Contains(id)));
        Assert.Equal(found.Length, found.Distinct().Count());
    }

    [Theory]
    [MemberData(nameof(OperatorTexts))]
    public async Task Search_TextWithTsqueryOperators_IsPlainWords(string text)
    {
        var query = new ListingQuery(Text: text, Limit: 50);

        var found = await WalkAsync(query);

        Assert.Equal(Expected(query), found.Select(l => l.Id));
    }

    [Theory]
    [MemberData(nameof(OperatorTexts))]
    public async Task Search_TextWithTsqueryOperatorsInAGame_IsPlainWords(string text)
    {
        var query = new ListingQuery(Game: Dota, Text: text, Limit: 50);

        var found = await WalkAsync(query);

        Assert.Equal(Expected(query), found.Select(l => l.Id));
    }

    [Fact]
    public async Task Search_OperatorTextOfRealWords_FindsWhatThePlainWordsFind()
    {
        var plain = await WalkAsync(new ListingQuery(Text: "редк гер", Limit: 50));

        var withOperators = await WalkAsync(new ListingQuery(Text: "редк & !(гер)", Limit: 50));

        Assert.Equal(plain.Select(l => l.Id), withOperators.Select(l => l.Id));
    }

    [Theory]
    [MemberData(nameof(InvalidQueries))]
    public async Task Search_InvalidQuery_IsRefusedAsInvalidQuery(string name)
    {
        var (_, refusal) = await _listings.SearchAsync(InvalidQuery(name), CancellationToken.None);

        Assert.Equal(ListingRefusalCode.InvalidQuery, refusal?.Code);
    }

    [Fact]
    public async Task Search_MaximumPageSize_IsAllowed()
    {
        var (_, refusal) = await _listings.SearchAsync(new ListingQuery(Limit: MaxPageSize), CancellationToken.None);

        Assert.Null(refusal);
    }

    [Theory]
    [MemberData(nameof(GarbageTokens))]
    public void TryDecode_GarbageToken_ReturnsNull(string token)
    {
        Assert.Null(ListingCursor.TryDecode(token, ListingSort.Newest) ?? ListingCursor.TryDecode(token, ListingSort.PriceAscending));
    }

    [Theory]
    [MemberData(nameof(Sorts))]
    public async Task TryDecode_TokenOfAnotherSortOrder_ReturnsNull(ListingSort sort)
    {
        var token = await NextTokenAsync(sort);

        Assert.All(Enum.GetValues<ListingSort>().Where(s => s != sort), other => Assert.Null(ListingCursor.TryDecode(token, other)));
    }

    [Theory]
    [MemberData(nameof(Tamperings))]
    public async Task TryDecode_TamperedToken_ReturnsNull(string tampering)
    {
        var token = await NextTokenAsync(ListingSort.PriceAscending);
        var raw = FromBase64Url(token);
        var tampered = tampering switch
        {
            "separators replaced" => Base64Url(raw.Replace('|', ';')),
            "field added" => Base64Url(raw + "|7"),
            "letter appended to the id" => Base64Url(raw + "x"),
            "sign put on the price" => Base64Url(raw.Insert(raw.IndexOf('|', StringComparison.Ordinal) + 1, "-")),
            "unknown sort" => Base64Url("7" + raw[1..]),
            "character outside base64url" => token[..^1] + "*",
            "cut inside a base64 group" => token[..5],
            _ => throw new ArgumentOutOfRangeException(nameof(tampering), tampering, "no such tampering"),
        };

        Assert.Null(ListingCursor.TryDecode(tampered, ListingSort.PriceAscending));
    }

    [Theory]
    [MemberData(nameof(EdgeTokens))]
    public async Task Search_AfterAWellFormedCursorAtTheEdges_AnswersWithoutError(string raw, ListingSort sort)
    {
        var after = ListingCursor.TryDecode(Base64Url(raw), sort);

        var (page, refusal) = await _listings.SearchAsync(new ListingQuery(Currency: Currency.XTR, Sort: sort, After: after), CancellationToken.None);

        Assert.True(page is not null, $"refused: {refusal}");
    }

    [Theory]
    [MemberData(nameof(Sorts))]
    public async Task TryDecode_TokenFromAPage_RoundTrips(ListingSort sort)
    {
        var (page, _) = await _listings.SearchAsync(new ListingQuery(Currency: Currency.USDT, Sort: sort, Limit: 5), CancellationToken.None);

        Assert.Equal(page!.Next, ListingCursor.TryDecode(page.Next!.Encode(), sort));
    }

    private int MaxPageSize => int.Parse(app.Configuration[$"{ListingOptions.SectionName}:{nameof(ListingOptions.MaxPageSize)}"]!, CultureInfo.InvariantCulture);

    private static ListingQuery Query(string name) => name switch
    {
        "everything, newest first" => new(Limit: 13),
        "one game" => new(Game: Dota, Limit: 9),
        "one game given with extra spaces" => new(Game: "  Dota   2 ", Limit: 9),
        "a Cyrillic game" => new(Game: Tanks, Limit: 9),
        "XTR only" => new(Currency: Currency.XTR, Limit: 11),
        "USDT only" => new(Currency: Currency.USDT, Limit: 11),
        "XTR price band" => new(Currency: Currency.XTR, MinPrice: 100m, MaxPrice: 500m, Sort: ListingSort.PriceAscending, Limit: 8),
        "USDT price band at 6 decimals" =>
            new(Currency: Currency.USDT, MinPrice: 9.99m, MaxPrice: 10.5m, Sort: ListingSort.PriceDescending, Limit: 4),
        "USDT from a minimum" => new(Currency: Currency.USDT, MinPrice: 10.500001m, Limit: 6),
        "XTR up to a maximum" => new(Currency: Currency.XTR, MaxPrice: 250m, Sort: ListingSort.PriceDescending, Limit: 6),
        "game, currency and price band" =>
            new(Game: Dota, Currency: Currency.XTR, MinPrice: 100m, MaxPrice: 1000m, Sort: ListingSort.PriceAscending, Limit: 5),
        "English prefix without a game" => new(Text: "ran", Limit: 10),
        "English prefix in a game" => new(Game: Dota, Text: "ran", Limit: 4),
        "Cyrillic prefix without a game" => new(Text: "акк", Limit: 10),
        "Cyrillic prefix in a game" => new(Game: Dota, Text: "акк", Limit: 4),
        "upper-case Cyrillic prefix in a game" => new(Game: Dota, Text: "ГЕРО", Limit: 4),
        "mixed-case English word without a game" => new(Text: "LeGeNdArY", Limit: 10),
        "two words, both required, without a game" => new(Text: "rare skin", Limit: 5),
        "two words, both required, in a game" => new(Game: Dota, Text: "rare skin", Limit: 3),
        "Russian and English words together" => new(Text: "Редкий hero", Limit: 5),
        "word with ё" => new(Text: "Ёлк", Limit: 5),
        "words in a Cyrillic game" => new(Game: Tanks, Text: "ранг gold", Limit: 2),
        "words and price in a game" =>
            new(Game: Dota, Currency: Currency.USDT, MinPrice: 10m, Text: "скин", Sort: ListingSort.PriceAscending, Limit: 3),
        "a one-letter prefix in a game" => new(Game: Dota, Text: "г", Limit: 4),
        "a one-letter prefix without a game" => new(Text: "Р", Limit: 10),
        "a word cut to its first 30 letters, in a game" => new(Game: Dota, Text: LongWord + "ище", Limit: 3),
        "a word cut to its first 30 letters, without a game" => new(Text: LongWord[..31], Limit: 5),
        "a word nothing has" => new(Text: "zzzz"),
        "a word inside others that starts nothing" => new(Text: "кин old"),
        "a game nothing is listed in" => new(Game: "Minecraft"),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "no such query"),
    };

    private ListingQuery InvalidQuery(string name) => name switch
    {
        "price ascending without a currency" => new(Sort: ListingSort.PriceAscending),
        "price descending without a currency" => new(Sort: ListingSort.PriceDescending),
        "minimum price without a currency" => new(MinPrice: 10m),
        "maximum price without a currency" => new(MaxPrice: 10m),
        "minimum above maximum" => new(Currency: Currency.XTR, MinPrice: 500m, MaxPrice: 100m),
        "negative minimum" => new(Currency: Currency.XTR, MinPrice: -1m),
        "limit 0" => new(Limit: 0),
        "limit above the maximum page size" => new(Limit: MaxPageSize + 1),
        "cursor of another sort order" => new(Currency: Currency.XTR, Sort: ListingSort.PriceAscending,
            After: new ListingCursor(ListingSort.Newest, null, Epoch, 1)),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "no such query"),
    };

    /// <summary>The answer, computed without the database: active listings, filtered and ordered as the query says.</summary>
    private List<long> Expected(ListingQuery query)
    {
        var game = query.Game is null ? null : string.Join(' ', query.Game.Split(' ', StringSplitOptions.RemoveEmptyEntries));
        var words = Tokens(query.Text).Take(5).Select(w => w.Length > 30 ? w[..30] : w).ToArray();
        var matches = Seed.Where(s =>
            s.Seed.Status == "active"
            && (game is null || s.Seed.Game == game)
            && (query.Currency is null || s.Seed.Price.Currency == query.Currency)
            && (query.MinPrice is null || s.Seed.Price.Amount >= query.MinPrice)
            && (query.MaxPrice is null || s.Seed.Price.Amount <= query.MaxPrice)
            && words.All(w => Tokens(s.Seed.Title + " " + s.Seed.Description).Any(t => t.StartsWith(w, StringComparison.Ordinal))));
        var ordered = query.Sort switch
        {
            ListingSort.PriceAscending => matches.OrderBy(s => s.Seed.Price.Amount).ThenBy(s => s.Id),
            ListingSort.PriceDescending => matches.OrderByDescending(s => s.Seed.Price.Amount).ThenByDescending(s => s.Id),
            _ => matches.OrderByDescending(s => s.Seed.CreatedAt).ThenByDescending(s => s.Id),
        };
        return [.. ordered.Select(s => s.Id)];
    }

    private static IEnumerable<string> Tokens(string? text) =>
        text is null ? [] : WordPattern().Matches(text).Select(m => m.Value.ToLowerInvariant());

    /// <summary>Every page of a query, following each page's cursor through its token as a client would.</summary>
    private async Task<List<ListingPage>> PagesAsync(ListingQuery query, ListingCursor? after = null)
    {
        var pages = new List<ListingPage>();
        for (var fetched = 0; fetched <= SeedCount + 10; fetched++)
        {
            var (page, refusal) = await _listings.SearchAsync(query with { After = after }, CancellationToken.None);
            Assert.True(page is not null, $"page {fetched} refused: {refusal}");
            pages.Add(page);
            if (page.Next is null)
            {
                return pages;
            }

            after = ListingCursor.TryDecode(page.Next.Encode(), query.Sort);
            Assert.True(after is not null, $"the cursor after page {fetched} does not decode");
        }

        throw new InvalidOperationException("the pages never end");
    }

    private async Task<List<Listing>> WalkAsync(ListingQuery query, ListingCursor? after = null) =>
        [.. (await PagesAsync(query, after)).SelectMany(p => p.Items)];

    private async Task<string> NextTokenAsync(ListingSort sort)
    {
        var (page, _) = await _listings.SearchAsync(new ListingQuery(Currency: Currency.USDT, Sort: sort, Limit: 5), CancellationToken.None);
        return page!.Next!.Encode();
    }

    private static ListingSeed NewSeed(Random random)
    {
        var stars = random.Next(3) > 0;
        var price = stars
            ? new Money(StarPrices[random.Next(StarPrices.Length)], Currency.XTR)
            : new Money(UsdtPrices[random.Next(UsdtPrices.Length)], Currency.USDT);
        var status = random.Next(4) > 0 ? "active" : Statuses[random.Next(Statuses.Length)];

        // Few distinct times, so many listings share one; a microsecond apart where the cursor's precision matters.
        var createdAt = Epoch.AddHours(random.Next(40)).AddTicks(10 * random.Next(3));
        return new ListingSeed(Games[random.Next(Games.Length)], Text(random, 2), Text(random, 4), price, status, createdAt);
    }

    private static string Text(Random random, int words)
    {
        var text = new StringBuilder();
        for (var i = 0; i < words; i++)
        {
            var word = Words[random.Next(Words.Length)];
            word = random.Next(3) switch
            {
                0 => word.ToUpperInvariant(),
                1 => char.ToUpperInvariant(word[0]) + word[1..],
                _ => word,
            };
            text.Append(i == 0 ? "" : random.Next(2) == 0 ? " " : ", ").Append(word);
        }

        return text.ToString();
    }

    private static string FromBase64Url(string token)
    {
        var base64 = token.Replace('-', '+').Replace('_', '/');
        return Encoding.UTF8.GetString(Convert.FromBase64String(base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '=')));
    }

    private static string Base64Url(string raw) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(raw)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    [GeneratedRegex(@"[\p{L}\p{Nd}]+")]
    private static partial Regex WordPattern();

    /// <summary>A seeded listing and the id the database gave it.</summary>
    internal sealed record Seeded(long Id, ListingSeed Seed);

    /// <summary>The class's seed, kept between its tests while no test has written to the database.</summary>
    public sealed class SeededDatabase
    {
        internal IReadOnlyList<Seeded> Listings { get; private set; } = [];

        internal long SellerId { get; private set; }

        internal bool IsCurrent { get; private set; }

        internal void Reset(long sellerId, IReadOnlyList<Seeded> listings) => (SellerId, Listings, IsCurrent) = (sellerId, listings, true);

        internal void Invalidate() => IsCurrent = false;
    }
}
