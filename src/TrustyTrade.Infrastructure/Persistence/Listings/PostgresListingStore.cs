using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using TrustyTrade.Core.Listings;
using TrustyTrade.Core.Monetary;
using TrustyTrade.Core.Vault;

namespace TrustyTrade.Infrastructure.Persistence.Listings;

internal sealed class PostgresListingStore : IListingStore
{
    /// <summary>The key of the pool search runs on: it prepares no statements, so each search is planned for its own values.</summary>
    public const string SearchDataSourceKey = "listing-search";

    private readonly NpgsqlDataSource _dataSource;
    private readonly NpgsqlDataSource _searchDataSource;

    public PostgresListingStore(NpgsqlDataSource dataSource, [FromKeyedServices(SearchDataSourceKey)] NpgsqlDataSource searchDataSource)
    {
        DapperSetup.Ensure();
        _dataSource = dataSource;
        _searchDataSource = searchDataSource;
    }

    public async Task<Listing> InsertAsync(NewListing listing, Func<long, EncryptedSecret>? sealCredentials, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(listing);
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var row = await connection.QuerySingleAsync<ListingRow>(new CommandDefinition(
            $"""
            INSERT INTO accounts (user_id, game, title, description, price, currency, status, created_at, updated_at)
            VALUES (@SellerId, @Game, @Title, @Description, @Amount, @Currency, 'draft', @CreatedAt, @CreatedAt)
            RETURNING {ListingRow.Columns}
            """,
            new
            {
                listing.SellerId,
                listing.Game,
                listing.Title,
                listing.Description,
                listing.Price.Amount,
                Currency = listing.Price.Currency.ToString(),
                listing.CreatedAt,
            },
            transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);

        if (sealCredentials is not null)
        {
            var secret = sealCredentials(row.Id);
            await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE accounts SET credentials = @ciphertext, credentials_key_id = @keyId WHERE id = @id",
                new { id = row.Id, ciphertext = secret.Ciphertext, keyId = secret.KeyId },
                transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
            row = row with { HasCredentials = true };
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return row.ToListing();
    }

    public async Task<Listing?> FindAsync(long listingId, CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var row = await connection.QuerySingleOrDefaultAsync<ListingRow>(new CommandDefinition(
            $"SELECT {ListingRow.Columns} FROM accounts WHERE id = @listingId", new { listingId },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return row?.ToListing();
    }

    public async Task<bool> ChangeStatusAsync(
        long listingId, ListingStatus current, ListingStatus target, string? rejectionReason, CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE accounts SET status = @target, rejection_reason = @rejectionReason, updated_at = now()
            WHERE id = @listingId AND status = @current
            """,
            new { listingId, current = current.ToName(), target = target.ToName(), rejectionReason },
            cancellationToken: cancellationToken)).ConfigureAwait(false) == 1;
    }

    public async Task<IReadOnlyList<Listing>> SearchAsync(ListingSearch search, CancellationToken cancellationToken)
    {
        var (sql, parameters) = ListingSearchSql.Build(search);
        await using var connection = await _searchDataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<ListingRow>(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken))
            .ConfigureAwait(false);
        return [.. rows.Select(r => r.ToListing())];
    }

    public async Task<DealCredentials?> FindDealCredentialsAsync(long dealId, CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var row = await connection.QuerySingleOrDefaultAsync<(long BuyerId, DateTime? DeliveredAt, long ListingId, byte[]? Ciphertext, string? KeyId)?>(
            new CommandDefinition(
                """
                SELECT d.buyer_id, d.delivered_at, d.account_id, a.credentials, a.credentials_key_id
                FROM deals d JOIN accounts a ON a.id = d.account_id WHERE d.id = @dealId
                """,
                new { dealId }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return row is not { } r
            ? null
            : new DealCredentials(
                r.BuyerId,
                r.DeliveredAt is { } at ? new DateTimeOffset(DateTime.SpecifyKind(at, DateTimeKind.Utc)) : null,
                r.ListingId,
                r.Ciphertext is not null && r.KeyId is not null ? new EncryptedSecret(r.KeyId, r.Ciphertext) : null);
    }

    public async Task<IReadOnlyList<Listing>> ListBySellerAsync(long sellerId, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<ListingRow>(new CommandDefinition(
            $"SELECT {ListingRow.Columns} FROM accounts WHERE user_id = @sellerId AND status <> 'removed' ORDER BY created_at DESC, id DESC LIMIT @limit",
            new { sellerId, limit }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return [.. rows.Select(r => r.ToListing())];
    }

    public async Task<bool> ChangePriceAsync(long listingId, Money price, IReadOnlyList<ListingStatus> statuses, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(statuses);
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE accounts SET price = @amount, updated_at = now()
            WHERE id = @listingId AND currency = @currency AND status = ANY(@statuses)
            """,
            new { listingId, amount = price.Amount, currency = price.Currency.Code(), statuses = statuses.Select(s => s.ToName()).ToArray() },
            cancellationToken: cancellationToken)).ConfigureAwait(false) == 1;
    }

    public async Task<bool> AttachCredentialsAsync(long listingId, EncryptedSecret secret, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(secret);
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE accounts SET credentials = @ciphertext, credentials_key_id = @keyId, updated_at = now()
            WHERE id = @listingId AND credentials IS NULL
            """,
            new { listingId, ciphertext = secret.Ciphertext, keyId = secret.KeyId }, cancellationToken: cancellationToken)).ConfigureAwait(false) == 1;
    }
}
