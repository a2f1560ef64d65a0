using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using TrustyTrade.Core.Listings;
using TrustyTrade.Core.Monetary;
using TrustyTrade.Infrastructure.Persistence.Listings;

namespace TrustyTrade.Benchmarks;

/// <summary>Search latency through ListingService and for the identical statement run bare, interleaved query by query.</summary>
internal static class SearchLatency
{
    private const int WarmUp = 300;
    private const int Measured = 3_000;

    /// <summary>Games, and the words titles and descriptions are made of (Russian and English, as our sellers write).</summary>
    internal static readonly string[] Games =
    [
        "Dota 2", "CS2", "Fortnite", "Genshin Impact", "PUBG", "Valorant", "League of Legends", "World of Tanks",
        "Minecraft", "Roblox", "Apex Legends", "Warframe", "Brawl Stars", "Clash of Clans", "Standoff 2", "Rust",
        "GTA V", "Escape from Tarkov", "Honkai Star Rail", "Mobile Legends",
    ];

    internal static readonly string[] Words =
    [
        "immortal", "rank", "legend", "skins", "knife", "dragon", "mythic", "prime", "elite", "arcana", "battlepass",
        "diamond", "platinum", "gold", "silver", "master", "grandmaster", "challenger", "rare", "epic", "account",
        "full", "access", "email", "mail", "original", "owner", "cheap", "fast", "level", "max", "heroes", "weapons",
        "аккаунт", "почта", "скины", "редкий", "легенда", "ранг", "полный", "доступ", "нож", "дракон", "уровень",
        "максимальный", "оригинал", "дешево", "быстро", "коллекция", "оружие", "герои", "бессмертный", "топ",
    ];

    public static async Task SeedAsync(NpgsqlDataSource dataSource, int count)
    {
        await using (var check = dataSource.CreateCommand("SELECT count(*) FROM accounts WHERE game <> 'Bench'"))
        {
            if ((long)(await check.ExecuteScalarAsync())! >= count)
            {
                Console.WriteLine($"(reusing the {count:N0} listings already in the benchmark database)");
                return;
            }
        }

        var stopwatch = Stopwatch.StartNew();
        await using var seed = dataSource.CreateCommand("""
            SELECT setseed(0.42);
            INSERT INTO users (telegram_id, username)
            SELECT 6000000000 + g, NULL FROM generate_series(1, 5000) g ON CONFLICT DO NOTHING;
            INSERT INTO accounts (user_id, game, title, description, price, currency, status, created_at)
            SELECT s.first_id + (g % 5000),
                   (@games)[1 + floor(random() * array_length(@games, 1))::int],
                   initcap((@words)[1 + floor(random() * array_length(@words, 1))::int]) || ' '
                       || (@words)[1 + floor(random() * array_length(@words, 1))::int] || ' '
                       || (@words)[1 + floor(random() * array_length(@words, 1))::int],
                   (@words)[1 + floor(random() * array_length(@words, 1))::int] || ' '
                       || (@words)[1 + floor(random() * array_length(@words, 1))::int] || ' '
                       || (@words)[1 + floor(random() * array_length(@words, 1))::int] || ' '
                       || (@words)[1 + floor(random() * array_length(@words, 1))::int] || ', level ' || (g % 300),
                   CASE WHEN g % 10 < 7 THEN 1 + floor(random() * 20000) ELSE round((1 + random() * 2000)::numeric, 2) END,
                   CASE WHEN g % 10 < 7 THEN 'XTR' ELSE 'USDT' END,
                   CASE WHEN g % 20 = 0 THEN 'sold' WHEN g % 20 = 1 THEN 'removed' ELSE 'active' END,
                   now() - random() * interval '365 days'
            FROM generate_series(1, @count) g,
                 (SELECT min(id) AS first_id FROM users WHERE telegram_id > 6000000000 AND telegram_id <= 6000005000) s;
            """);
        seed.CommandTimeout = 1800;
        seed.Parameters.AddWithValue("games", Games);
        seed.Parameters.AddWithValue("words", Words);
        seed.Parameters.AddWithValue("count", count);
        await seed.ExecuteNonQueryAsync();

        Console.WriteLine($"(seeded {count:N0} listings in {stopwatch.Elapsed.TotalSeconds:F0} s)");
    }

    /// <summary>
    /// What a live server's table looks like: autovacuum has moved the GIN indexes' pending lists into their trees
    /// and analyzed the table (also after a migration), and the table and its indexes sit in shared buffers.
    /// </summary>
    public static async Task SettleAsync(NpgsqlDataSource dataSource)
    {
        await using var vacuum = dataSource.CreateCommand("VACUUM ANALYZE accounts");
        vacuum.CommandTimeout = 1800;
        await vacuum.ExecuteNonQueryAsync();
        await using var prewarm = dataSource.CreateCommand("""
            SELECT (sum(pg_prewarm(oid)) * current_setting('block_size')::bigint / (1024 * 1024))::bigint
            FROM (SELECT 'accounts'::regclass::oid UNION ALL SELECT indexrelid FROM pg_index WHERE indrelid = 'accounts'::regclass) r
            """);
        prewarm.CommandTimeout = 1800;
        Console.WriteLine($"(vacuumed and analyzed; {await prewarm.ExecuteScalarAsync()} MB of listings and their indexes prewarmed into shared buffers)");
    }

    public static async Task<(int Queries, Percentiles Core, Percentiles Bare, IReadOnlyDictionary<string, Percentiles> CoreByKind)> RunAsync(
        IServiceProvider services, NpgsqlDataSource dataSource)
    {
        var listings = services.GetRequiredService<ListingService>();
        var random = new Random(42);
        var core = new List<double>(Measured);
        var bare = new List<double>(Measured);
        var byKind = new Dictionary<string, List<double>>();

        for (var i = 0; i < WarmUp + Measured; i++)
        {
            var (kind, query) = await NextQueryAsync(random, listings);
            // Each query runs both ways, alternating which goes first, so neither warms the pages for the other.
            async Task SearchCore()
            {
                var (page, refusal) = await listings.SearchAsync(query, CancellationToken.None);
                _ = page ?? throw new InvalidOperationException($"search refused: {refusal}");
            }

            Task SearchBare() => RunBareAsync(dataSource, query);
            double coreMs, bareMs;
            if (i % 2 == 0)
            {
                coreMs = await TimeAsync(SearchCore);
                bareMs = await TimeAsync(SearchBare);
            }
            else
            {
                bareMs = await TimeAsync(SearchBare);
                coreMs = await TimeAsync(SearchCore);
            }

            if (i >= WarmUp)
            {
                core.Add(coreMs);
                bare.Add(bareMs);
                (byKind.TryGetValue(kind, out var list) ? list : byKind[kind] = []).Add(coreMs);
            }
        }

        return (Measured, Percentiles.Of(core), Percentiles.Of(bare), byKind.ToDictionary(kv => kv.Key, kv => Percentiles.Of(kv.Value)));
    }

    /// <summary>A realistic mix: a game's cheapest offers, a game's newest, word search, price bands across games, page two.</summary>
    private static async Task<(string Kind, ListingQuery Query)> NextQueryAsync(Random random, ListingService listings)
    {
        var game = Games[random.Next(Games.Length)];
        var currency = random.Next(10) < 7 ? Currency.XTR : Currency.USDT;
        var (low, high) = currency == Currency.XTR ? (random.Next(1, 15000), 0m) : (random.Next(1, 1500), 0m);
        high = low + (currency == Currency.XTR ? random.Next(100, 5000) : random.Next(10, 500));
        var word = Words[random.Next(Words.Length)];
        var prefix = word[..Math.Min(word.Length, random.Next(3, 8))];
        var (kind, query) = random.Next(10) switch
        {
            < 4 => ("game+price band, cheapest", new ListingQuery(game, currency, low, high, Sort: ListingSort.PriceAscending)),
            < 6 => ("game, newest", new ListingQuery(game, Sort: ListingSort.Newest)),
            < 7 => ("word prefix, newest", new ListingQuery(Text: prefix, Sort: ListingSort.Newest)),
            < 8 => ("game+two words, cheapest", new ListingQuery(game, currency, Text: $"{prefix} {Words[random.Next(Words.Length)]}", Sort: ListingSort.PriceAscending)),
            _ => ("price band, dearest", new ListingQuery(Currency: currency, MinPrice: low, MaxPrice: high, Sort: ListingSort.PriceDescending)),
        };

        if (random.Next(5) == 0)
        {
            var (first, _) = await listings.SearchAsync(query, CancellationToken.None);
            if (first?.Next is { } next)
            {
                query = query with { After = next };
            }
        }

        return (kind, query);
    }

    private static async Task RunBareAsync(NpgsqlDataSource dataSource, ListingQuery query)
    {
        var (sql, parameters) = ListingSearchSql.Build(new ListingSearch(
            query.Game, query.Currency, query.MinPrice, query.MaxPrice, ListingService.SearchWords(query.Text), query.Sort, query.After,
            query.Limit + 1));
        await using var command = dataSource.CreateCommand(sql);
        foreach (var name in parameters.ParameterNames)
        {
            command.Parameters.AddWithValue(name, parameters.Get<object>(name) ?? DBNull.Value);
        }

        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            _ = reader.GetInt64(0);
        }
    }

    private static async Task<double> TimeAsync(Func<Task> action)
    {
        var started = Stopwatch.GetTimestamp();
        await action();
        return Stopwatch.GetElapsedTime(started).TotalMilliseconds;
    }
}
