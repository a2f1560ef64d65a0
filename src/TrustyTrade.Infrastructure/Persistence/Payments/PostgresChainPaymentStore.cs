using Dapper;
using Npgsql;
using TrustyTrade.Core.Deals;
using TrustyTrade.Core.Payments.Chain;
using TrustyTrade.Core.Payments.Crypto;
using TrustyTrade.Core.Vault;

namespace TrustyTrade.Infrastructure.Persistence.Payments;

/// <summary><see cref="IChainPaymentStore"/> over <c>crypto_invoices</c>, <c>chain_deposits</c>, <c>chain_cursor</c> and the ledger.</summary>
internal sealed class PostgresChainPaymentStore(NpgsqlDataSource dataSource) : IChainPaymentStore
{
    private const string InvoiceColumns = "deal_id AS DealId, address AS Address, received AS Received, created_at AS CreatedAt";

    /// <summary>
    /// One confirmed transfer, once, in one statement: the deposit row (its unique hash and log index make a replay
    /// write nothing at all, as everything hangs on it), the invoice's total, the <c>transactions</c> row, the ledger
    /// posting (into the deal's deposits while it awaits payment, else to the buyer's balance) and, when late, a flag.
    /// </summary>
    private const string RecordSql = """
        WITH invoice AS (
            SELECT i.deal_id, d.buyer_id, d.escrow_status = 'awaiting_payment' AS open
            FROM crypto_invoices i JOIN deals d ON d.id = i.deal_id
            WHERE i.deal_id = @dealId
            FOR UPDATE OF i),
        deposit AS (
            INSERT INTO chain_deposits (deal_id, transaction_hash, log_index, block_number, from_address, amount, applied_as)
            SELECT deal_id, @hash, @logIndex, @block, @from, @amount, CASE WHEN open THEN 'deposit' ELSE 'late' END FROM invoice
            ON CONFLICT (transaction_hash, log_index) DO NOTHING
            RETURNING deal_id, applied_as),
        total AS (
            UPDATE crypto_invoices SET received = received + @amount
            FROM deposit WHERE crypto_invoices.deal_id = deposit.deal_id AND deposit.applied_as = 'deposit'),
        payment AS (
            -- The seed's payments record; a second log of one transaction to one of our addresses shares its row.
            INSERT INTO transactions (deal_id, payment_method, amount, currency, status, transaction_hash)
            SELECT deal_id, 'crypto', @amount, 'USDT', 'confirmed', @hash FROM deposit
            ON CONFLICT (payment_method, transaction_hash) WHERE transaction_hash IS NOT NULL DO NOTHING),
        posting AS (
            INSERT INTO ledger_postings (deal_id, kind)
            SELECT deal_id, CASE WHEN applied_as = 'deposit' THEN 'deposit' ELSE 'late_payment' END FROM deposit
            RETURNING id, deal_id),
        entries AS (
            INSERT INTO ledger_entries (posting_id, account_kind, owner_id, currency, amount)
            SELECT posting.id, e.kind, e.owner, 'USDT', e.amount
            FROM posting JOIN deposit USING (deal_id) JOIN invoice USING (deal_id),
                LATERAL (VALUES ('payments_received', NULL::bigint, -@amount),
                                (CASE WHEN deposit.applied_as = 'deposit' THEN 'deposits' ELSE 'buyer_refunds' END,
                                 CASE WHEN deposit.applied_as = 'deposit' THEN deal_id ELSE invoice.buyer_id END, @amount)) AS e (kind, owner, amount)),
        flag AS (
            INSERT INTO payment_flags (kind, deal_id, reference, detail)
            SELECT 'late_payment', deal_id, @hash || '#' || @logIndex,
                   'paid ' || @amount || ' USDT after the deal stopped awaiting payment; credited to the buyer''s balance'
            FROM deposit WHERE applied_as = 'late'
            ON CONFLICT (kind, reference) DO NOTHING)
        SELECT applied_as FROM deposit
        """;

    /// <summary>
    /// What a deal that closed unpaid still holds in deposits goes to its buyer, with a flag, and the invoice is settled,
    /// all under the invoice's lock (the poller and the watchdog may both get here).
    /// </summary>
    private const string ReturnSql = """
        WITH invoice AS (
            SELECT i.deal_id, d.buyer_id FROM crypto_invoices i JOIN deals d ON d.id = i.deal_id
            WHERE i.deal_id = @dealId AND i.settled_at IS NULL AND d.escrow_status IN ('cancelled', 'expired')
            FOR UPDATE OF i),
        held AS (
            SELECT invoice.deal_id, invoice.buyer_id, coalesce(sum(e.amount), 0) AS amount
            FROM invoice LEFT JOIN ledger_entries e ON e.account_kind = 'deposits' AND e.owner_id = invoice.deal_id AND e.currency = 'USDT'
            GROUP BY invoice.deal_id, invoice.buyer_id),
        settled AS (
            UPDATE crypto_invoices SET settled_at = now() FROM held WHERE crypto_invoices.deal_id = held.deal_id RETURNING crypto_invoices.deal_id),
        posting AS (
            INSERT INTO ledger_postings (deal_id, kind) SELECT deal_id, 'deposit_returned' FROM held WHERE amount > 0 RETURNING id, deal_id),
        entries AS (
            INSERT INTO ledger_entries (posting_id, account_kind, owner_id, currency, amount)
            SELECT posting.id, e.kind, e.owner, 'USDT', e.amount
            FROM posting JOIN held USING (deal_id),
                LATERAL (VALUES ('deposits', held.deal_id, -held.amount), ('buyer_refunds', held.buyer_id, held.amount)) AS e (kind, owner, amount)),
        flag AS (
            INSERT INTO payment_flags (kind, deal_id, reference, detail)
            SELECT 'deposit_returned', deal_id, 'deal:' || deal_id,
                   'the deal closed unpaid holding ' || amount || ' USDT of deposits; credited to the buyer''s balance'
            FROM held WHERE amount > 0
            ON CONFLICT (kind, reference) DO NOTHING)
        SELECT count(*)::int FROM settled
        """;

    public async Task<CryptoInvoice?> FindInvoiceAsync(long dealId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return await connection.QuerySingleOrDefaultAsync<CryptoInvoice>(new CommandDefinition(
            $"SELECT {InvoiceColumns} FROM crypto_invoices WHERE deal_id = @dealId", new { dealId }, cancellationToken: cancellationToken))
            .ConfigureAwait(false);
    }

    public async Task<CryptoInvoice> CreateInvoiceAsync(long dealId, string address, EncryptedSecret privateKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(privateKey);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO crypto_invoices (deal_id, address, private_key, key_id) VALUES (@dealId, @address, @key, @keyId)
            ON CONFLICT (deal_id) DO NOTHING
            """,
            new { dealId, address, key = privateKey.Ciphertext, keyId = privateKey.KeyId }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return await connection.QuerySingleAsync<CryptoInvoice>(new CommandDefinition(
            $"SELECT {InvoiceColumns} FROM crypto_invoices WHERE deal_id = @dealId", new { dealId }, cancellationToken: cancellationToken))
            .ConfigureAwait(false);
    }

    public async Task<IReadOnlyDictionary<string, long>> FindDealsByAddressAsync(IReadOnlyCollection<string> addresses, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(addresses);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<(string Address, long DealId)>(new CommandDefinition(
            "SELECT address, deal_id FROM crypto_invoices WHERE address = ANY(@addresses)",
            new { addresses = addresses.ToArray() }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows.ToDictionary(r => r.Address, r => r.DealId, StringComparer.Ordinal);
    }

    public async Task<DepositOutcome> RecordDepositAsync(long dealId, TokenTransfer transfer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transfer);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var appliedAs = await connection.QuerySingleOrDefaultAsync<string?>(new CommandDefinition(RecordSql,
            new
            {
                dealId,
                hash = transfer.TransactionHash,
                logIndex = transfer.LogIndex,
                block = transfer.BlockNumber,
                from = transfer.From,
                amount = transfer.Amount,
            },
            transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return appliedAs switch
        {
            "deposit" => DepositOutcome.Deposited,
            "late" => DepositOutcome.CreditedLate,
            _ => DepositOutcome.Replayed,
        };
    }

    public async Task<IReadOnlyList<UnsettledInvoice>> ListUnsettledAsync(int limit, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<(long DealId, decimal Received, string Status)>(new CommandDefinition(
            """
            SELECT i.deal_id, i.received, d.escrow_status
            FROM crypto_invoices i JOIN deals d ON d.id = i.deal_id
            WHERE i.settled_at IS NULL AND i.received > 0 AND (d.escrow_status <> 'awaiting_payment' OR i.received >= d.amount)
            ORDER BY i.deal_id
            LIMIT @limit
            """,
            new { limit }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return [.. rows.Select(r => new UnsettledInvoice(r.DealId, r.Received, DealStatusNames.Parse(r.Status)))];
    }

    public async Task MarkSettledAsync(long dealId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE crypto_invoices SET settled_at = now() WHERE deal_id = @dealId AND settled_at IS NULL",
            new { dealId }, cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    public async Task<bool> ReturnDepositsAsync(long dealId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var settled = await connection.QuerySingleAsync<int>(new CommandDefinition(ReturnSql, new { dealId }, transaction, cancellationToken: cancellationToken))
            .ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return settled == 1;
    }

    public async Task<ChainCursor?> GetCursorAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return await connection.QuerySingleOrDefaultAsync<ChainCursor>(new CommandDefinition(
            "SELECT next_block AS NextBlock, scheduled_tick AS ScheduledTick, polled_at AS PolledAt FROM chain_cursor WHERE id = 1",
            cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    public async Task StartCursorAsync(long nextBlock, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        // polled_at in the past: the caller's idle check starts the first tick at once.
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO chain_cursor (id, next_block, polled_at) VALUES (1, @nextBlock, '-infinity') ON CONFLICT (id) DO NOTHING",
            new { nextBlock }, cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    public async Task<long?> AdvanceAsync(long tick, long nextBlock, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return await connection.QuerySingleOrDefaultAsync<long?>(new CommandDefinition(
            """
            UPDATE chain_cursor SET scheduled_tick = scheduled_tick + 1, next_block = greatest(next_block, @nextBlock), polled_at = now()
            WHERE id = 1 AND scheduled_tick = @tick
            RETURNING scheduled_tick
            """,
            new { tick, nextBlock }, cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    public async Task<long?> TakeOverIfIdleAsync(DateTimeOffset idleSince, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return await connection.QuerySingleOrDefaultAsync<long?>(new CommandDefinition(
            """
            UPDATE chain_cursor SET scheduled_tick = scheduled_tick + 1, polled_at = now()
            WHERE id = 1 AND polled_at < @idleSince
            RETURNING scheduled_tick
            """,
            new { idleSince }, cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    public async Task<bool> AnyInvoiceSinceAsync(DateTimeOffset since, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return await connection.QuerySingleAsync<bool>(new CommandDefinition(
            "SELECT EXISTS (SELECT 1 FROM crypto_invoices WHERE created_at >= @since)", new { since }, cancellationToken: cancellationToken))
            .ConfigureAwait(false);
    }
}
