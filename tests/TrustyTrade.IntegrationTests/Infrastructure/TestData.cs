using Dapper;
using Npgsql;
using TrustyTrade.Core.Deals;
using TrustyTrade.Core.Idempotency;
using TrustyTrade.Core.Monetary;

namespace TrustyTrade.IntegrationTests.Infrastructure;

/// <summary>Small builders that put users and listings straight into the test database.</summary>
internal sealed class TestData(NpgsqlDataSource dataSource)
{
    private static long _nextTelegramId = 1_000_000;

    public async Task<long> UserAsync(string role = "user", bool banned = false)
    {
        var telegramId = Interlocked.Increment(ref _nextTelegramId);
        await using var connection = await dataSource.OpenConnectionAsync();
        return await connection.ExecuteScalarAsync<long>(
            "INSERT INTO users (telegram_id, username, role, is_banned) VALUES (@telegramId, @username, @role, @banned) RETURNING id",
            new { telegramId, username = $"user{telegramId}", role, banned });
    }

    public async Task<long> ListingAsync(long sellerId, Money price, string status = "active", string game = "Dota 2",
        string title = "Immortal account", string description = "Rank 8000, all heroes, e-mail included")
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        return await connection.ExecuteScalarAsync<long>(
            """
            INSERT INTO accounts (user_id, game, title, description, price, currency, status)
            VALUES (@sellerId, @game, @title, @description, @amount, @currency, @status) RETURNING id
            """,
            new { sellerId, game, title, description, amount = price.Amount, currency = price.Currency.ToString(), status });
    }

    /// <summary>
    /// Money on a user's ledger account (e.g. seller_available) as one balanced posting from payments_received, for tests
    /// where how the user earned it is not the point.
    /// </summary>
    public Task<int> CreditAsync(long userId, string account, Money amount) => ExecuteAsync(
        """
        WITH posting AS (INSERT INTO ledger_postings (kind) VALUES ('test_credit') RETURNING id)
        INSERT INTO ledger_entries (posting_id, account_kind, owner_id, currency, amount)
        SELECT posting.id, e.kind, e.owner, @currency, e.amount FROM posting,
            (VALUES ('payments_received', NULL::bigint, -@amount), (@account, @userId, @amount)) AS e (kind, owner, amount)
        """,
        new { userId, account, currency = amount.Currency.ToString(), amount = amount.Amount });

    public async Task<T> ScalarAsync<T>(string sql, object? parameters = null)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        return (await connection.ExecuteScalarAsync<T>(sql, parameters))!;
    }

    public async Task<int> ExecuteAsync(string sql, object? parameters = null)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        return await connection.ExecuteAsync(sql, parameters);
    }

    /// <summary>
    /// Many listings of one seller in one statement, each with its own status and creation time; returns their ids in
    /// the order given. The ids are reserved from the identity here, so they follow the seeds' order for certain.
    /// </summary>
    public async Task<long[]> ListingsAsync(long sellerId, IReadOnlyList<ListingSeed> seeds)
    {
        ArgumentNullException.ThrowIfNull(seeds);
        await using var connection = await dataSource.OpenConnectionAsync();
        var ids = (await connection.QueryAsync<long>(
            "SELECT nextval(pg_get_serial_sequence('accounts', 'id')) FROM generate_series(1, @count) ORDER BY 1",
            new { count = seeds.Count })).ToArray();
        await connection.ExecuteAsync(
            """
            INSERT INTO accounts (id, user_id, game, title, description, price, currency, status, created_at, updated_at)
            OVERRIDING SYSTEM VALUE
            SELECT t.id, @sellerId, t.game, t.title, t.description, t.price, t.currency, t.status, t.created_at, t.created_at
            FROM unnest(@ids, @games, @titles, @descriptions, @prices, @currencies, @statuses, @createdAt)
                AS t (id, game, title, description, price, currency, status, created_at)
            """,
            new
            {
                sellerId,
                ids,
                games = seeds.Select(s => s.Game).ToArray(),
                titles = seeds.Select(s => s.Title).ToArray(),
                descriptions = seeds.Select(s => s.Description).ToArray(),
                prices = seeds.Select(s => s.Price.Amount).ToArray(),
                currencies = seeds.Select(s => s.Price.Currency.ToString()).ToArray(),
                statuses = seeds.Select(s => s.Status).ToArray(),
                createdAt = seeds.Select(s => s.CreatedAt).ToArray(),
            });
        return ids;
    }

    /// <summary>A buyer presses Buy through <see cref="DealService"/>; throws when the deal is refused.</summary>
    public static async Task<Deal> BuyAsync(DealService deals, long listingId, long buyerId)
    {
        ArgumentNullException.ThrowIfNull(deals);
        var result = await deals.BuyAsync(new(NewKey(), new BuyListing(listingId, buyerId)), CancellationToken.None);
        return result.Deal ?? throw new InvalidOperationException($"buy refused: {result.Refusal}");
    }

    /// <summary>
    /// Drives a deal along the happy path through <see cref="DealService"/> until it is <paramref name="target"/>:
    /// paid (by the platform), delivered (by the seller), then completed by the buyer, or disputed by the buyer when
    /// that is the target. Throws when a step is refused.
    /// </summary>
    public static async Task<Deal> DriveAsync(DealService deals, Deal deal, DealStatus target)
    {
        ArgumentNullException.ThrowIfNull(deals);
        ArgumentNullException.ThrowIfNull(deal);
        var method = deal.Price.Currency == Currency.XTR ? PaymentMethod.TelegramStars : PaymentMethod.Crypto;
        (Actor Actor, DealCommand Command)[] path =
        [
            (Actor.System, new ConfirmPayment(deal.Price, method, $"payment-{Guid.NewGuid():N}")),
            (Actor.User(deal.SellerId), new DeliverAccount()),
            (Actor.User(deal.BuyerId), target == DealStatus.Disputed ? new OpenDispute("the password does not work") : new ConfirmReceipt()),
        ];
        foreach (var (actor, command) in path)
        {
            if (deal.Status == target)
            {
                return deal;
            }

            var result = await deals.ExecuteAsync(new(NewKey(), new ActOnDeal(deal.Id, actor, command)), CancellationToken.None);
            deal = result.Deal ?? throw new InvalidOperationException($"{command.Name} refused: {result.Refusal}");
        }

        return deal.Status == target ? deal : throw new InvalidOperationException($"the happy path does not reach {target}");
    }

    private static IdempotencyKey NewKey() => new($"test:{Guid.NewGuid():N}");
}
