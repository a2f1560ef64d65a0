using Dapper;
using Npgsql;
using NpgsqlTypes;
using TrustyTrade.Core.Ledger;
using TrustyTrade.Core.Monetary;
using TrustyTrade.Core.Payments.Stars;
using TrustyTrade.Infrastructure.Persistence.Escrow;

namespace TrustyTrade.Infrastructure.Persistence.Stars;

/// <summary>
/// Stars refunds and their reconciliation over PostgreSQL. Each "complete" is one statement: the status change guards
/// the posting (it selects from the updated row), so it is written once, in the same transaction, or not at all; a
/// racing second run waits on the row's lock and then finds it refunded.
/// </summary>
internal sealed class PostgresStarsStore : IStarsStore
{
    private const string PostingSql = """
        posting AS (
            INSERT INTO ledger_postings (deal_id, kind) SELECT deal_id, $1 FROM marked RETURNING id),
        entries AS (
            INSERT INTO ledger_entries (posting_id, account_kind, owner_id, currency, amount)
            SELECT posting.id, e.* FROM posting, unnest($2, $3, $4, $5) AS e)
        SELECT count(*)::int FROM marked
        """;

    private readonly NpgsqlDataSource _dataSource;

    public PostgresStarsStore(NpgsqlDataSource dataSource)
    {
        DapperSetup.Ensure();
        _dataSource = dataSource;
    }

    public async Task<StarsDealCharge?> FindDealChargeAsync(long dealId, CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var row = await connection.QuerySingleOrDefaultAsync<(string ChargeId, decimal Amount, string Status, long BuyerId, long TelegramId)?>(
            new CommandDefinition(
                """
                SELECT t.transaction_hash, t.amount, t.status, d.buyer_id, u.telegram_id
                FROM transactions t JOIN deals d ON d.id = t.deal_id JOIN users u ON u.id = d.buyer_id
                WHERE t.deal_id = @dealId AND t.payment_method = 'telegram_stars' AND t.transaction_hash IS NOT NULL
                  AND t.status IN ('confirmed', 'refunded')
                ORDER BY t.id LIMIT 1
                """,
                new { dealId }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return row is { } r
            ? new StarsDealCharge(dealId, r.ChargeId, new Money(r.Amount, Currency.XTR), r.Status == "refunded", r.BuyerId, r.TelegramId)
            : null;
    }

    public Task<bool> CompleteDealRefundAsync(StarsDealCharge charge, LedgerPosting payout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(charge);
        return CompleteAsync(
            """
            WITH marked AS (
                UPDATE transactions SET status = 'refunded'
                WHERE deal_id = $6 AND payment_method = 'telegram_stars' AND transaction_hash = $7 AND status = 'confirmed'
                RETURNING deal_id),
            """,
            payout, [Typed(NpgsqlDbType.Bigint, charge.DealId), Typed(NpgsqlDbType.Text, charge.ChargeId)], cancellationToken);
    }

    public async Task<bool> RecordUnmatchedAsync(UnmatchedStarsPayment payment, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(payment);
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        // The CTE's insert is invisible to the statement's own read, so a new row answers through "inserted".
        var status = await connection.QuerySingleAsync<string>(new CommandDefinition(
            """
            WITH inserted AS (
                INSERT INTO stars_unmatched_payments (charge_id, payer_telegram_id, amount, deal_id, reason)
                VALUES (@ChargeId, @PayerTelegramId, @Amount, @DealId, @Reason)
                ON CONFLICT (charge_id) DO NOTHING
                RETURNING status)
            SELECT coalesce((SELECT status FROM inserted), (SELECT status FROM stars_unmatched_payments WHERE charge_id = @ChargeId))
            """,
            new
            {
                payment.ChargeId,
                payment.PayerTelegramId,
                payment.Amount.Amount,
                // A payload naming a deal that does not exist must still be recorded.
                DealId = payment.DealId is { } id && await DealExistsAsync(connection, id, cancellationToken).ConfigureAwait(false) ? id : (long?)null,
                payment.Reason,
            },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return status == "refunded";
    }

    public Task<bool> CompleteUnmatchedRefundAsync(string chargeId, LedgerPosting posting, CancellationToken cancellationToken) =>
        CompleteAsync(
            """
            WITH marked AS (
                UPDATE stars_unmatched_payments SET status = 'refunded', refunded_at = now()
                WHERE charge_id = $6 AND status = 'received'
                -- The money never belonged to the deal its payload named: the posting hangs on no deal.
                RETURNING NULL::bigint AS deal_id),
            """,
            posting, [Typed(NpgsqlDbType.Text, chargeId)], cancellationToken);

    public async Task<IReadOnlyList<StarsChargeRecord>> ListChargesAsync(CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<(string ChargeId, long Amount, bool Refunded, DateTime At, DateTime? OwedSince)>(new CommandDefinition(
            """
            SELECT t.transaction_hash, t.amount::bigint, t.status = 'refunded', t.created_at,
                   CASE WHEN t.status = 'confirmed' AND (d.escrow_status = 'refunded'
                             OR (d.escrow_status = 'resolved' AND EXISTS (
                                 SELECT 1 FROM disputes x WHERE x.deal_id = d.id AND x.status = 'resolved' AND x.outcome = 'refund_to_buyer')))
                        THEN d.closed_at END
            FROM transactions t JOIN deals d ON d.id = t.deal_id
            WHERE t.payment_method = 'telegram_stars' AND t.transaction_hash IS NOT NULL AND t.status IN ('confirmed', 'refunded')
            UNION ALL
            SELECT charge_id, amount::bigint, status = 'refunded', received_at, CASE WHEN status = 'received' THEN received_at END
            FROM stars_unmatched_payments
            """,
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return [.. rows.Select(r => new StarsChargeRecord(r.ChargeId, r.Amount, r.Refunded, Utc(r.At), r.OwedSince is { } owed ? Utc(owed) : null))];
    }

    public async Task<bool> FlagAsync(StarsDiscrepancy discrepancy, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(discrepancy);
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var inserted = await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO stars_reconciliation_flags (charge_id, kind, detail, flagged_at)
            VALUES (@ChargeId, @kind, left(@Detail, 2000), @at)
            ON CONFLICT (charge_id, kind) DO NOTHING
            """,
            new { discrepancy.ChargeId, kind = KindName(discrepancy.Kind), discrepancy.Detail, at }, cancellationToken: cancellationToken))
            .ConfigureAwait(false);
        return inserted == 1;
    }

    public async Task<IReadOnlyList<StarsReconciliationFlag>> ListOpenFlagsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<(string ChargeId, string Kind, string? Detail, DateTime FlaggedAt)>(new CommandDefinition(
            "SELECT charge_id, kind, detail, flagged_at FROM stars_reconciliation_flags WHERE resolved_at IS NULL ORDER BY flagged_at DESC, id DESC",
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return [.. rows.Select(r => new StarsReconciliationFlag(r.ChargeId, ParseKind(r.Kind), r.Detail, Utc(r.FlaggedAt)))];
    }

    public static string KindName(StarsDiscrepancyKind kind) => kind switch
    {
        StarsDiscrepancyKind.MissingHere => "missing_here",
        StarsDiscrepancyKind.MissingAtTelegram => "missing_at_telegram",
        StarsDiscrepancyKind.RefundedOnlyAtTelegram => "refunded_only_at_telegram",
        StarsDiscrepancyKind.RefundedOnlyHere => "refunded_only_here",
        StarsDiscrepancyKind.AmountDiffers => "amount_differs",
        StarsDiscrepancyKind.RefundPending => "refund_pending",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown Stars discrepancy"),
    };

    private static StarsDiscrepancyKind ParseKind(string name) =>
        Enum.GetValues<StarsDiscrepancyKind>().Single(k => KindName(k) == name);

    private static DateTimeOffset Utc(DateTime at) => new(DateTime.SpecifyKind(at, DateTimeKind.Utc));

    private static async Task<bool> DealExistsAsync(NpgsqlConnection connection, long dealId, CancellationToken cancellationToken) =>
        await connection.ExecuteScalarAsync<bool>(new CommandDefinition(
            "SELECT EXISTS (SELECT 1 FROM deals WHERE id = @dealId)", new { dealId }, cancellationToken: cancellationToken)).ConfigureAwait(false);

    /// <summary>Runs "<paramref name="marked"/> then the posting" as one statement; true when the row was marked (and the posting written).</summary>
    private async Task<bool> CompleteAsync(string marked, LedgerPosting posting, NpgsqlParameter[] markParameters, CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(marked + "\n" + PostingSql, connection);
        var entries = posting.Entries;
        command.Parameters.Add(Typed(NpgsqlDbType.Text, posting.Kind));
        command.Parameters.Add(Typed(NpgsqlDbType.Array | NpgsqlDbType.Text, entries.Select(e => e.Account.Kind.ToName()).ToArray()));
        command.Parameters.Add(Typed(NpgsqlDbType.Array | NpgsqlDbType.Bigint, entries.Select(e => e.Account.OwnerId).ToArray()));
        command.Parameters.Add(Typed(NpgsqlDbType.Array | NpgsqlDbType.Text, entries.Select(e => e.Amount.Currency.ToString()).ToArray()));
        command.Parameters.Add(Typed(NpgsqlDbType.Array | NpgsqlDbType.Numeric, entries.Select(e => e.Amount.Amount).ToArray()));
        command.Parameters.AddRange(markParameters);
        var count = (int)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) ?? 0);
        return count == 1;
    }

    private static NpgsqlParameter Typed(NpgsqlDbType type, object? value) => new() { NpgsqlDbType = type, Value = value ?? DBNull.Value };
}
