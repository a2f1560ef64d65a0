using System.Globalization;
using System.Text;
using Dapper;
using Npgsql;
using TrustyTrade.Core.DealRecords;
using TrustyTrade.Core.Deals;
using TrustyTrade.Core.Deals.Disputes;
using TrustyTrade.Core.Ledger;
using TrustyTrade.Core.Monetary;

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

    public async Task<IReadOnlyList<DealSummary>> ListAsync(DealFilter filter, long? beforeId, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var where = new StringBuilder("TRUE");
        var parameters = new DynamicParameters(new { limit });
        void And(string condition, string name, object? value)
        {
            if (value is not null)
            {
                where.Append(" AND ").Append(condition);
                parameters.Add(name, value);
            }
        }

        And("d.escrow_status = @status", "status", filter.Status?.ToName());
        And("(d.buyer_id = @userId OR d.seller_id = @userId)", "userId", filter.UserId);
        And("(d.buyer_id = @viewerId OR d.seller_id = @viewerId)", "viewerId", filter.ViewerId);
        And("d.account_id = @listingId", "listingId", filter.ListingId);
        And("d.created_at >= @createdFrom", "createdFrom", filter.CreatedFrom);
        And("d.created_at <= @createdTo", "createdTo", filter.CreatedTo);
        And("d.id < @beforeId", "beforeId", beforeId);
        if (filter.Search?.Trim() is { Length: > 0 } search)
        {
            if (long.TryParse(search.TrimStart('#'), NumberStyles.None, CultureInfo.InvariantCulture, out var dealId))
            {
                And("d.id = @searchId", "searchId", dealId);
            }
            else
            {
                And(
                    """
                    (a.title ILIKE @pattern OR EXISTS (SELECT 1 FROM users u WHERE u.id IN (d.buyer_id, d.seller_id) AND u.username ILIKE @pattern))
                    """,
                    "pattern", "%" + SqlLike.Escape(search.TrimStart('@')) + "%");
            }
        }

        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return await QueryAsync(connection, where.ToString(), "ORDER BY d.id DESC LIMIT @limit", parameters, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<DealEvent>> ListEventsAsync(long dealId, CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<(string Command, string? FromStatus, string ToStatus, string ActorKind, DateTime CreatedAt, int? Version)>(
            new CommandDefinition(
                "SELECT command, from_status, to_status, actor_kind, created_at, version FROM deal_events WHERE deal_id = @dealId ORDER BY id",
                new { dealId }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return
        [
            .. rows.Select(r => new DealEvent(
                r.Command, r.FromStatus is null ? null : DealStatusNames.Parse(r.FromStatus), DealStatusNames.Parse(r.ToStatus),
                Enum.Parse<ActorKind>(r.ActorKind, ignoreCase: true), Utc(r.CreatedAt), r.Version)),
        ];
    }

    public async Task<IReadOnlyList<DealLedgerEntry>> ListLedgerEntriesAsync(long dealId, CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<(long Id, long PostingId, string Kind, string AccountKind, long? OwnerId, string Currency, decimal Amount, DateTime CreatedAt)>(
            new CommandDefinition(
                """
                SELECT e.id, e.posting_id, p.kind, e.account_kind, e.owner_id, e.currency, e.amount, p.created_at
                FROM ledger_postings p JOIN ledger_entries e ON e.posting_id = p.id
                WHERE p.deal_id = @dealId ORDER BY e.id
                """,
                new { dealId }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return
        [
            .. rows.Select(r => new DealLedgerEntry(
                r.Id, r.PostingId, r.Kind, new LedgerAccount(LedgerAccountNames.Parse(r.AccountKind), r.OwnerId),
                new Money(r.Amount, CurrencyExtensions.Parse(r.Currency)), Utc(r.CreatedAt))),
        ];
    }

    public async Task<int> CountSalesAsync(long sellerId, CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return await connection.ExecuteScalarAsync<int>(new CommandDefinition(
            "SELECT count(*)::int FROM deals WHERE seller_id = @sellerId AND escrow_status IN ('completed', 'released')",
            new { sellerId }, cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<Dispute>> ListDisputesAsync(DisputeStatus status, long? cursor, int limit, CancellationToken cancellationToken)
    {
        var (where, order) = status == DisputeStatus.Open
            ? ("x.status = 'open' AND (@cursor::bigint IS NULL OR x.id > @cursor)", "x.id")
            : ("x.status = 'resolved' AND (@cursor::bigint IS NULL OR x.id < @cursor)", "x.id DESC");
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<DisputeRow>(new CommandDefinition(
            $"{DisputeRow.Select} WHERE {where} ORDER BY {order} LIMIT @limit", new { cursor, limit },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return [.. rows.Select(r => r.ToDispute([]))];
    }

    public async Task<Dispute?> FindDisputeAsync(long dealId, CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var row = await connection.QuerySingleOrDefaultAsync<DisputeRow>(new CommandDefinition(
            $"{DisputeRow.Select} WHERE x.deal_id = @dealId", new { dealId }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        if (row is null)
        {
            return null;
        }

        var evidence = await connection.QueryAsync<(long Id, long SubmittedBy, string Kind, string? Body, bool HasFile, DateTime CreatedAt)>(
            new CommandDefinition(
                """
                SELECT id, submitted_by, kind, body, telegram_file_id IS NOT NULL AS has_file, created_at
                FROM dispute_evidence WHERE dispute_id = @id ORDER BY id
                """,
                new { id = row.Id }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return row.ToDispute(
        [
            .. evidence.Select(e => new DisputeEvidence(
                e.Id, e.SubmittedBy, Enum.Parse<EvidenceKind>(e.Kind, ignoreCase: true), e.Body, e.HasFile, Utc(e.CreatedAt))),
        ]);
    }

    internal static DateTimeOffset Utc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));

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
