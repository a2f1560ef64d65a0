using System.Data;
using Dapper;
using Npgsql;
using TrustyTrade.Core.Idempotency;
using TrustyTrade.Core.Ledger;
using TrustyTrade.Core.Monetary;
using TrustyTrade.Core.Payments.Chain;
using TrustyTrade.Core.Payments.Payouts;
using TrustyTrade.Core.Vault;
using TrustyTrade.Infrastructure.Persistence.Escrow;

namespace TrustyTrade.Infrastructure.Persistence.Payments;

/// <summary>
/// <see cref="IPayoutStore"/> over <c>payouts</c>, <c>exchange_rates</c>, <c>hot_wallet_nonces</c>, <c>sweeps</c> and
/// the ledger. A write that moves money is one statement hanging on the payout's guarded status change, so a payout in
/// the wrong state writes no posting.
/// </summary>
internal sealed class PostgresPayoutStore(NpgsqlDataSource dataSource) : IPayoutStore
{
    private const string PayoutColumns = """
        id AS Id, user_id AS UserId, amount AS Amount, address AS Address, status AS Status, source_currency AS SourceCurrency,
        source_amount AS SourceAmount, rate AS Rate, nonce AS Nonce, tx_hash AS TxHash, raw_tx AS RawTx, block_number AS BlockNumber
        """;

    /// <summary>
    /// The payout and its posting, written only when every balance of the user's that the posting draws from still
    /// covers it (the caller holds the user's lock, and this statement's snapshot is taken after it was granted).
    /// </summary>
    private const string CreateSql = $"""
        WITH entry AS (
            SELECT * FROM unnest(@kinds::text[], @owners::bigint[], @currencies::text[], @amounts::numeric[]) AS e (kind, owner, currency, amount)),
        short AS (
            SELECT 1 FROM entry
            WHERE entry.amount < 0 AND entry.owner IS NOT NULL
              AND -entry.amount > (SELECT coalesce(sum(l.amount), 0) FROM ledger_entries l
                                   WHERE l.account_kind = entry.kind AND l.owner_id = entry.owner AND l.currency = entry.currency)),
        payout AS (
            INSERT INTO payouts (user_id, amount, address, source_currency, source_amount, rate, idempotency_key)
            SELECT @userId, @amount, @address, @sourceCurrency, @sourceAmount, @rate, @key
            WHERE NOT EXISTS (SELECT 1 FROM short)
            RETURNING *),
        posting AS (
            INSERT INTO ledger_postings (kind, payout_id) SELECT @postingKind, id FROM payout RETURNING id),
        entries AS (
            INSERT INTO ledger_entries (posting_id, account_kind, owner_id, currency, amount)
            SELECT posting.id, entry.kind, entry.owner, entry.currency, entry.amount FROM posting, entry)
        SELECT {PayoutColumns} FROM payout
        """;

    /// <summary>The request's posting, reversed entry by entry, so Stars go back as Stars to the accounts they came from.</summary>
    private const string RejectSql = """
        WITH payout AS (
            UPDATE payouts SET status = 'rejected', approved_by = @adminId, reject_reason = @reason, decided_at = now(), finished_at = now(), updated_at = now()
            WHERE id = @payoutId AND status = 'requested'
            RETURNING id),
        requested AS (
            SELECT e.account_kind, e.owner_id, e.currency, e.amount
            FROM payout JOIN ledger_postings p ON p.payout_id = payout.id AND p.kind = @requestedKind
            JOIN ledger_entries e ON e.posting_id = p.id),
        posting AS (
            INSERT INTO ledger_postings (kind, payout_id) SELECT @rejectedKind, id FROM payout RETURNING id),
        entries AS (
            INSERT INTO ledger_entries (posting_id, account_kind, owner_id, currency, amount)
            SELECT posting.id, requested.account_kind, requested.owner_id, requested.currency, -requested.amount FROM posting, requested)
        SELECT count(*)::int FROM payout
        """;

    private const string ConfirmSql = """
        WITH payout AS (
            UPDATE payouts SET status = 'confirmed', block_number = @block, finished_at = now(), updated_at = now()
            WHERE id = @payoutId AND status = 'sent'
            RETURNING id),
        posting AS (
            INSERT INTO ledger_postings (kind, payout_id) SELECT @postingKind, id FROM payout RETURNING id),
        entries AS (
            INSERT INTO ledger_entries (posting_id, account_kind, owner_id, currency, amount)
            SELECT posting.id, e.* FROM posting, unnest(@kinds::text[], @owners::bigint[], @currencies::text[], @amounts::numeric[]) AS e)
        SELECT count(*)::int FROM payout
        """;

    private const string FailSql = """
        WITH payout AS (
            UPDATE payouts SET status = 'failed', block_number = @block, finished_at = now(), updated_at = now()
            WHERE id = @payoutId AND status = 'sent'
            RETURNING id, amount, tx_hash),
        flag AS (
            INSERT INTO payment_flags (kind, reference, detail)
            SELECT 'payout_failed', 'payout:' || id,
                   'payout of ' || amount || ' USDT reverted on chain in ' || tx_hash || '; the money is still pending for the user'
            FROM payout
            ON CONFLICT (kind, reference) DO NOTHING)
        SELECT count(*)::int FROM payout
        """;

    /// <summary>
    /// Takes the hot wallet's next nonce and locks its row until commit: the stored next one, or the node's pending
    /// count when that is higher (the wallet sent something this store did not sign).
    /// </summary>
    private const string TakeNonceSql = """
        INSERT INTO hot_wallet_nonces (address, next_nonce) VALUES (@address, @chainNonce)
        ON CONFLICT (address) DO UPDATE SET next_nonce = greatest(hot_wallet_nonces.next_nonce, excluded.next_nonce), updated_at = now()
        RETURNING next_nonce
        """;

    private const string SweepColumns = """
        i.deal_id AS DealId, i.address AS Address, i.private_key AS PrivateKey, i.key_id AS KeyId, s.step AS Step,
        s.gas_tx_hash AS GasTxHash, s.gas_raw_tx AS GasRawTx, s.sweep_tx_hash AS SweepTxHash, s.sweep_raw_tx AS SweepRawTx
        """;

    public async Task SetRateAsync(long adminId, decimal rate, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO exchange_rates (currency, target, rate, set_by) VALUES ('XTR', 'USDT', @rate, @adminId)",
            new { rate, adminId }, cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    public async Task<decimal?> GetRateAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return await connection.QuerySingleOrDefaultAsync<decimal?>(new CommandDefinition(
            "SELECT rate FROM exchange_rates WHERE currency = 'XTR' AND target = 'USDT' ORDER BY id DESC LIMIT 1",
            cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    public async Task<PayoutBalance> GetBalanceAsync(long userId, Currency currency, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var (seller, refunds) = await connection.QuerySingleAsync<(decimal, decimal)>(new CommandDefinition(
            """
            SELECT coalesce(sum(amount) FILTER (WHERE account_kind = 'seller_available'), 0),
                   coalesce(sum(amount) FILTER (WHERE account_kind = 'buyer_refunds'), 0)
            FROM ledger_entries
            WHERE owner_id = @userId AND currency = @currency AND account_kind IN ('seller_available', 'buyer_refunds')
            """,
            new { userId, currency = currency.Code() }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return new PayoutBalance(seller, refunds);
    }

    public async Task<Payout?> CreateAsync(NewPayout payout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(payout);
        var entries = payout.Posting.Entries;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);

        // One request at a time per user: balances are read after this lock, so two requests can't spend one balance.
        await connection.ExecuteAsync(new CommandDefinition(
            "SELECT 1 FROM users WHERE id = @userId FOR UPDATE", new { userId = payout.UserId }, transaction, cancellationToken: cancellationToken))
            .ConfigureAwait(false);
        var row = await FindByKeyAsync(connection, transaction, payout.Key, cancellationToken).ConfigureAwait(false)
            ?? await connection.QuerySingleOrDefaultAsync<PayoutRow>(new CommandDefinition(CreateSql,
                new
                {
                    kinds = entries.Select(e => e.Account.Kind.ToName()).ToArray(),
                    owners = entries.Select(e => e.Account.OwnerId).ToArray(),
                    currencies = entries.Select(e => e.Amount.Currency.Code()).ToArray(),
                    amounts = entries.Select(e => e.Amount.Amount).ToArray(),
                    userId = payout.UserId,
                    amount = payout.Amount,
                    address = payout.Address,
                    sourceCurrency = payout.SourceCurrency.Code(),
                    sourceAmount = payout.SourceAmount,
                    rate = payout.Rate,
                    key = payout.Key.Value,
                    postingKind = payout.Posting.Kind,
                },
                transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return row?.ToPayout();
    }

    public async Task<Payout?> FindAsync(long payoutId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var row = await connection.QuerySingleOrDefaultAsync<PayoutRow>(new CommandDefinition(
            $"SELECT {PayoutColumns} FROM payouts WHERE id = @payoutId", new { payoutId }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return row?.ToPayout();
    }

    public async Task<Payout?> FindByKeyAsync(IdempotencyKey key, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return (await FindByKeyAsync(connection, null, key, cancellationToken).ConfigureAwait(false))?.ToPayout();
    }

    public async Task<bool> ApproveAsync(long payoutId, long adminId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE payouts SET status = 'approved', approved_by = @adminId, decided_at = now(), updated_at = now()
            WHERE id = @payoutId AND status = 'requested'
            """,
            new { payoutId, adminId }, cancellationToken: cancellationToken)).ConfigureAwait(false) == 1;
    }

    public async Task<bool> RejectAsync(long payoutId, long adminId, string reason, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var rejected = await connection.QuerySingleAsync<int>(new CommandDefinition(RejectSql,
            new { payoutId, adminId, reason, requestedKind = PayoutPostings.Requested, rejectedKind = PayoutPostings.Rejected },
            transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return rejected == 1;
    }

    public async Task<IReadOnlyList<Payout>> ListAsync(PayoutStatus status, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<PayoutRow>(new CommandDefinition(
            $"SELECT {PayoutColumns} FROM payouts WHERE status = @status ORDER BY id LIMIT @limit",
            new { status = ToName(status), limit }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return [.. rows.Select(r => r.ToPayout())];
    }

    public async Task<IReadOnlyList<Payout>> ListPageAsync(
        long? userId, PayoutStatus? status, long afterId, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<PayoutRow>(new CommandDefinition(
            $"""
            SELECT {PayoutColumns} FROM payouts
            WHERE id > @afterId AND (@userId::bigint IS NULL OR user_id = @userId) AND (@status::text IS NULL OR status = @status)
            ORDER BY id LIMIT @limit
            """,
            new { userId, status = status is { } known ? ToName(known) : null, afterId, limit }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return [.. rows.Select(r => r.ToPayout())];
    }

    public async Task<Payout?> SignAsync(
        long payoutId, string hotWallet, long chainNonce, Func<long, SignedChainTransaction> sign, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sign);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var approved = await connection.QuerySingleOrDefaultAsync<PayoutRow>(new CommandDefinition(
            $"SELECT {PayoutColumns} FROM payouts WHERE id = @payoutId AND status = 'approved' FOR UPDATE",
            new { payoutId }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        if (approved is null)
        {
            return null;
        }

        var nonce = await TakeNonceAsync(connection, transaction, hotWallet, chainNonce, cancellationToken).ConfigureAwait(false);
        var signed = sign(nonce);
        var row = await connection.QuerySingleAsync<PayoutRow>(new CommandDefinition(
            $"""
            WITH taken AS (
                UPDATE hot_wallet_nonces SET next_nonce = @nonce + 1, updated_at = now() WHERE address = @hotWallet)
            UPDATE payouts SET status = 'signed', nonce = @nonce, tx_hash = @hash, raw_tx = @raw, signed_at = now(), updated_at = now()
            WHERE id = @payoutId
            RETURNING {PayoutColumns}
            """,
            new { payoutId, hotWallet, nonce, hash = signed.Hash, raw = signed.RawHex }, transaction, cancellationToken: cancellationToken))
            .ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return row.ToPayout();
    }

    public async Task MarkSentAsync(long payoutId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE payouts SET status = 'sent', sent_at = now(), updated_at = now() WHERE id = @payoutId AND status = 'signed'",
            new { payoutId }, cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    public async Task<bool> ConfirmAsync(long payoutId, long blockNumber, LedgerPosting posting, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(posting);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var confirmed = await connection.QuerySingleAsync<int>(new CommandDefinition(ConfirmSql,
            new
            {
                payoutId,
                block = blockNumber,
                postingKind = posting.Kind,
                kinds = posting.Entries.Select(e => e.Account.Kind.ToName()).ToArray(),
                owners = posting.Entries.Select(e => e.Account.OwnerId).ToArray(),
                currencies = posting.Entries.Select(e => e.Amount.Currency.Code()).ToArray(),
                amounts = posting.Entries.Select(e => e.Amount.Amount).ToArray(),
            },
            transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return confirmed == 1;
    }

    public async Task<bool> FailAsync(long payoutId, long blockNumber, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var failed = await connection.QuerySingleAsync<int>(new CommandDefinition(FailSql, new { payoutId, block = blockNumber },
            transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return failed == 1;
    }

    public async Task<IReadOnlyList<SweepCandidate>> ListSweepsAsync(int limit, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        // Paid by chain (or closed with deposits returned to the buyer's balance): either way the token on the address
        // is the platform's to hold, and the hot wallet is where it is held.
        var rows = await connection.QueryAsync<SweepRow>(new CommandDefinition(
            $"""
            SELECT {SweepColumns}
            FROM crypto_invoices i JOIN deals d ON d.id = i.deal_id LEFT JOIN sweeps s ON s.deal_id = i.deal_id
            WHERE i.settled_at IS NOT NULL AND i.received > 0 AND d.escrow_status <> 'awaiting_payment' AND s.finished_at IS NULL
            ORDER BY i.deal_id
            LIMIT @limit
            """,
            new { limit }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return [.. rows.Select(r => r.ToCandidate())];
    }

    public async Task<SignedChainTransaction?> FundGasAsync(
        long dealId, decimal amount, string hotWallet, long chainNonce, Func<long, SignedChainTransaction> sign, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sign);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);

        // The invoice's lock makes two sweepers agree: the second finds the sweep row and signs nothing.
        var started = await connection.QuerySingleAsync<bool>(new CommandDefinition(
            """
            SELECT EXISTS (SELECT 1 FROM sweeps WHERE deal_id = @dealId)
            FROM (SELECT 1 FROM crypto_invoices WHERE deal_id = @dealId FOR UPDATE) AS locked
            """,
            new { dealId }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        if (started)
        {
            return null;
        }

        var nonce = await TakeNonceAsync(connection, transaction, hotWallet, chainNonce, cancellationToken).ConfigureAwait(false);
        var signed = sign(nonce);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            WITH taken AS (
                UPDATE hot_wallet_nonces SET next_nonce = @nonce + 1, updated_at = now() WHERE address = @hotWallet)
            INSERT INTO sweeps (deal_id, step, amount, gas_nonce, gas_tx_hash, gas_raw_tx)
            VALUES (@dealId, 'gas_funded', @amount, @nonce, @hash, @raw)
            """,
            new { dealId, amount, hotWallet, nonce, hash = signed.Hash, raw = signed.RawHex }, transaction, cancellationToken: cancellationToken))
            .ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return signed;
    }

    public async Task<bool> RecordSweepAsync(long dealId, decimal amount, SignedChainTransaction transaction, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO sweeps (deal_id, step, amount, sweep_tx_hash, sweep_raw_tx) VALUES (@dealId, 'swept', @amount, @hash, @raw)
            ON CONFLICT (deal_id) DO UPDATE SET step = 'swept', amount = excluded.amount, sweep_tx_hash = excluded.sweep_tx_hash,
                sweep_raw_tx = excluded.sweep_raw_tx, updated_at = now()
            WHERE sweeps.step <> 'swept'
            """,
            new { dealId, amount, hash = transaction.Hash, raw = transaction.RawHex }, cancellationToken: cancellationToken)).ConfigureAwait(false) == 1;
    }

    public async Task FinishSweepAsync(long dealId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE sweeps SET finished_at = now(), updated_at = now() WHERE deal_id = @dealId AND step = 'swept' AND finished_at IS NULL",
            new { dealId }, cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    private static Task<PayoutRow?> FindByKeyAsync(NpgsqlConnection connection, IDbTransaction? transaction, IdempotencyKey key, CancellationToken cancellationToken) =>
        connection.QuerySingleOrDefaultAsync<PayoutRow>(new CommandDefinition(
            $"SELECT {PayoutColumns} FROM payouts WHERE idempotency_key = @key", new { key = key.Value }, transaction, cancellationToken: cancellationToken));

    private static Task<long> TakeNonceAsync(
        NpgsqlConnection connection, IDbTransaction transaction, string hotWallet, long chainNonce, CancellationToken cancellationToken) =>
        connection.QuerySingleAsync<long>(new CommandDefinition(TakeNonceSql, new { address = hotWallet, chainNonce }, transaction,
            cancellationToken: cancellationToken));

    private static string ToName(PayoutStatus status) => status switch
    {
        PayoutStatus.Requested => "requested",
        PayoutStatus.Approved => "approved",
        PayoutStatus.Rejected => "rejected",
        PayoutStatus.TransactionSigned => "signed",
        PayoutStatus.Sent => "sent",
        PayoutStatus.Confirmed => "confirmed",
        PayoutStatus.Failed => "failed",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "unknown payout status"),
    };

    private static PayoutStatus ParseStatus(string name) => name switch
    {
        "requested" => PayoutStatus.Requested,
        "approved" => PayoutStatus.Approved,
        "rejected" => PayoutStatus.Rejected,
        "signed" => PayoutStatus.TransactionSigned,
        "sent" => PayoutStatus.Sent,
        "confirmed" => PayoutStatus.Confirmed,
        "failed" => PayoutStatus.Failed,
        _ => throw new FormatException($"unknown payout status '{name}'"),
    };

    private sealed record PayoutRow(
        long Id, long UserId, decimal Amount, string Address, string Status, string SourceCurrency, decimal SourceAmount,
        decimal? Rate, long? Nonce, string? TxHash, string? RawTx, long? BlockNumber)
    {
        public Payout ToPayout() => new(
            Id, UserId, Amount, Address, ParseStatus(Status), CurrencyExtensions.Parse(SourceCurrency), SourceAmount, Rate, Nonce, TxHash, RawTx, BlockNumber);
    }

    private sealed record SweepRow(
        long DealId, string Address, byte[] PrivateKey, string KeyId, string? Step, string? GasTxHash, string? GasRawTx, string? SweepTxHash, string? SweepRawTx)
    {
        public SweepCandidate ToCandidate() => new(
            DealId,
            Address,
            new EncryptedSecret(KeyId, PrivateKey),
            Step switch { null => null, "gas_funded" => SweepStep.GasFunded, _ => SweepStep.Swept },
            GasTxHash is null ? null : new SignedChainTransaction(GasTxHash, GasRawTx!),
            SweepTxHash is null ? null : new SignedChainTransaction(SweepTxHash, SweepRawTx!));

        /// <summary>The sealed key's bytes are not text worth showing.</summary>
        public override string ToString() => $"SweepRow {{ DealId = {DealId}, Address = {Address}, Step = {Step} }}";
    }
}
