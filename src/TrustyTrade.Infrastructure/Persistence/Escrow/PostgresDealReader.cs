using Dapper;
using Npgsql;
using TrustyTrade.Core.Deals;

namespace TrustyTrade.Infrastructure.Persistence.Escrow;

internal sealed class PostgresDealReader : IDealReader
{
    private static readonly string SummaryColumns =
        string.Join(", ", DealRow.Columns.Split(',', StringSplitOptions.TrimEntries).Select(c => "d." + c))
        + ", a.title AS listing_title, a.credentials IS NOT NULL AS listing_has_credentials";

    private readonly NpgsqlDataSource _dataSource;

    public PostgresDealReader(NpgsqlDataSource dataSource)
    {
        DapperSetup.Ensure();
        _dataSource = dataSource;
    }

    public async Task<DealSummary?> FindAsync(long dealId, CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var rows = await QueryAsync(connection, "d.id = @dealId", "", new { dealId }, cancellationToken).ConfigureAwait(false);
        return rows.SingleOrDefault();
    }

    public async Task<IReadOnlyList<DealSummary>> ListForUserAsync(long userId, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        // Two index scans (deals_buyer_id_idx, deals_seller_id_idx) merged, rather than one scan for "buyer or seller".
        return await QueryAsync(connection,
            "d.id IN ((SELECT id FROM deals WHERE buyer_id = @userId ORDER BY created_at DESC LIMIT @limit) "
            + "UNION ALL (SELECT id FROM deals WHERE seller_id = @userId ORDER BY created_at DESC LIMIT @limit))",
            "ORDER BY d.created_at DESC, d.id DESC LIMIT @limit", new { userId, limit }, cancellationToken).ConfigureAwait(false);
    }

    public async Task<int> CountSalesAsync(long sellerId, CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return await connection.ExecuteScalarAsync<int>(new CommandDefinition(
            "SELECT count(*)::int FROM deals WHERE seller_id = @sellerId AND escrow_status IN ('completed', 'released')",
            new { sellerId }, cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    private static async Task<IReadOnlyList<DealSummary>> QueryAsync(
        NpgsqlConnection connection, string where, string tail, object parameters, CancellationToken cancellationToken)
    {
        var rows = await connection.QueryAsync<DealRow, string, bool, DealSummary>(new CommandDefinition(
                $"SELECT {SummaryColumns} FROM deals d JOIN accounts a ON a.id = d.account_id WHERE {where} {tail}",
                parameters, cancellationToken: cancellationToken),
            (deal, title, hasCredentials) => new DealSummary(deal.ToDeal(), title, hasCredentials),
            splitOn: "listing_title,listing_has_credentials").ConfigureAwait(false);
        return [.. rows];
    }
}
