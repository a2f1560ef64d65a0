using Dapper;
using Npgsql;
using TrustyTrade.Core.Deals;
using TrustyTrade.Core.Monetary;
using TrustyTrade.Core.Payments.Reports;

namespace TrustyTrade.Infrastructure.Persistence.Payments;

/// <summary><see cref="IPaymentReportStore"/> over the seed's <c>transactions</c>, <c>crypto_invoices</c> and <c>chain_deposits</c>.</summary>
internal sealed class PostgresPaymentReportStore(NpgsqlDataSource dataSource) : IPaymentReportStore
{
    public async Task<IReadOnlyList<PaymentTransaction>> ListTransactionsAsync(
        TransactionFilter filter, long afterId, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<TransactionRow>(new CommandDefinition(
            """
            SELECT t.id AS Id, t.deal_id AS DealId, t.payment_method AS Method, t.amount AS Amount, t.currency AS Currency,
                   t.status AS Status, t.transaction_hash AS TransactionHash, t.created_at AS CreatedAt
            FROM transactions t
            WHERE t.id > @afterId
              AND (@dealId::bigint IS NULL OR t.deal_id = @dealId)
              AND (@method::text IS NULL OR t.payment_method = @method)
              AND (@status::text IS NULL OR t.status = @status)
              AND (@partyId::bigint IS NULL
                   OR EXISTS (SELECT 1 FROM deals d WHERE d.id = t.deal_id AND (d.buyer_id = @partyId OR d.seller_id = @partyId)))
            ORDER BY t.id
            LIMIT @limit
            """,
            new
            {
                afterId,
                limit,
                dealId = filter.DealId,
                method = filter.Method?.ToName(),
                status = filter.Status?.ToString().ToLowerInvariant(),
                partyId = filter.PartyId,
            },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return [.. rows.Select(r => r.ToTransaction())];
    }

    public async Task<InvoiceRecord?> FindInvoiceAsync(long dealId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var row = await connection.QuerySingleOrDefaultAsync<InvoiceRow>(new CommandDefinition(
            """
            SELECT i.deal_id AS DealId, d.buyer_id AS BuyerId, i.address AS Address, d.amount AS Price, i.received AS Received,
                   (SELECT count(*)::int FROM chain_deposits c WHERE c.deal_id = i.deal_id AND c.applied_as = 'deposit') AS Deposits,
                   i.settled_at IS NOT NULL AS Settled, i.created_at AS CreatedAt
            FROM crypto_invoices i JOIN deals d ON d.id = i.deal_id
            WHERE i.deal_id = @dealId
            """,
            new { dealId }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return row is null
            ? null
            : new InvoiceRecord(row.DealId, row.BuyerId, row.Address, row.Price, row.Received, row.Deposits, row.Settled, Utc(row.CreatedAt));
    }

    private static DateTimeOffset Utc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));

    private sealed record TransactionRow(
        long Id, long DealId, string Method, decimal Amount, string Currency, string Status, string? TransactionHash, DateTime CreatedAt)
    {
        public PaymentTransaction ToTransaction() => new(
            Id,
            DealId,
            Method == PaymentMethod.Crypto.ToName() ? PaymentMethod.Crypto : PaymentMethod.TelegramStars,
            new Money(Amount, CurrencyExtensions.Parse(Currency)),
            Enum.Parse<TransactionStatus>(Status, ignoreCase: true),
            TransactionHash,
            Utc(CreatedAt));
    }

    private sealed record InvoiceRow(
        long DealId, long BuyerId, string Address, decimal Price, decimal Received, int Deposits, bool Settled, DateTime CreatedAt);
}
