using System.Data;
using Dapper;
using Npgsql;
using NpgsqlTypes;
using TrustyTrade.Core.Deals;
using TrustyTrade.Core.Idempotency;
using TrustyTrade.Core.IntegrationEvents;
using TrustyTrade.Core.Listings;
using TrustyTrade.Core.Users;

namespace TrustyTrade.Infrastructure.Persistence.Escrow;

/// <summary>
/// One READ COMMITTED transaction; a deal command takes two round trips whatever it changes: the aggregate is locked
/// with <c>SELECT … FOR UPDATE</c> in the same round trip as the idempotency key's lookup (BEGIN rides along); then
/// every write is held back and sent at commit together with COMMIT itself. A transition's writes are one statement, all
/// hanging on the deal's version-guarded update, so a failed guard writes nothing, and a write that fails (a key or
/// payment saved by another transaction) aborts the transaction before its COMMIT runs. The integration event of a
/// change (<see cref="DealIntegrationEvents"/>) goes to the outbox with it, in the same way.
/// </summary>
internal sealed class PostgresEscrowSession(NpgsqlConnection connection, NpgsqlTransaction transaction, TimeProvider clock) : IEscrowSession
{
    private const string KeyLookup = "SELECT command AS command_name, deal_id, result::text AS result_json FROM idempotency_keys WHERE key = $1";
    private const string KeyInsert = "INSERT INTO idempotency_keys (key, command, deal_id, result) VALUES ($1, $2, $3, $4::jsonb)";
    private const string KeyConstraint = "idempotency_keys_pkey";

    /// <summary>A new deal's event; the listing's game is added here, as the deal doesn't carry it.</summary>
    private const string CreatedEventInsert = """
        INSERT INTO integration_events (id, type, deal_id, deal_version, occurred_at, next_attempt_at, payload)
        SELECT $1, $2, $3, $4, $5, $5, $6::jsonb || jsonb_build_object('game', game) FROM accounts WHERE id = $7
        """;

    /// <summary>
    /// Every write of a transition as one statement: one execution on the server instead of one per table, which is
    /// most of what a transition costs there. Parts the transition lacks come as NULL and write nothing; everything
    /// selects from <c>deal</c>, so nothing is written unless the deal's version matched. Returns the deals updated.
    /// </summary>
    private const string TransitionSql = """
        WITH deal AS (
            UPDATE deals SET escrow_status = $1, version = $2, paid_at = $3, delivery_due_at = $4, delivered_at = $5,
                inspection_ends_at = $6, completed_at = $7, warranty_ends_at = $8, closed_at = $9, disputed_from = $10,
                updated_at = now()
            WHERE id = $11 AND version = $12
            RETURNING id),
        event AS (
            INSERT INTO deal_events (deal_id, version, command, from_status, to_status, actor_kind, actor_id, detail)
            SELECT id, $2, $13, $14, $1, $15, $16, $17 FROM deal),
        payment AS (
            -- The seed's payments record; its unique (method, hash) index backs up the idempotency key.
            INSERT INTO transactions (deal_id, payment_method, amount, currency, status, transaction_hash)
            SELECT id, $18, $19, $20, 'confirmed', $21 FROM deal WHERE $18 IS NOT NULL),
        posting AS (
            INSERT INTO ledger_postings (deal_id, kind) SELECT id, $22 FROM deal WHERE $22 IS NOT NULL RETURNING id),
        entries AS (
            INSERT INTO ledger_entries (posting_id, account_kind, owner_id, currency, amount)
            SELECT posting.id, e.* FROM posting, unnest($23, $24, $25, $26) AS e),
        listing AS (
            UPDATE accounts SET status = $27, updated_at = now() FROM deal WHERE accounts.id = $28 AND $27 IS NOT NULL),
        dispute_opened AS (
            INSERT INTO disputes (deal_id, opened_by_kind, opened_by, reason, held_in)
            SELECT id, $29, $16, $30, $31 FROM deal WHERE $30 IS NOT NULL),
        dispute_resolved AS (
            UPDATE disputes SET status = 'resolved', outcome = $32, seller_share = $33, fee = $34, buyer_share = $35,
                resolved_by = $16, resolution_note = $36, resolved_at = now()
            FROM deal WHERE disputes.deal_id = deal.id AND disputes.status = 'open' AND $32 IS NOT NULL),
        saved AS (
            INSERT INTO idempotency_keys (key, command, deal_id, result) SELECT $37, $38, id, $39 FROM deal WHERE $37 IS NOT NULL),
        outbox AS (
            -- The integration event, with the listing's game (a transition doesn't carry it).
            INSERT INTO integration_events (id, type, deal_id, deal_version, occurred_at, next_attempt_at, payload)
            SELECT $40, $41, deal.id, $2, $42, $42, $43 || jsonb_build_object('game', accounts.game)
            FROM deal JOIN accounts ON accounts.id = $28 WHERE $40 IS NOT NULL)
        SELECT count(*)::int FROM deal
        """;

    private readonly NpgsqlBatch _writes = new(connection, transaction);
    private DealTransition? _transition;
    private IntegrationEvent? _event;
    private (IdempotencyKey Key, StoredCommandResult Result)? _save;

    public async Task<Locked<Deal>> LockDealAsync(long dealId, IdempotencyKey key, CancellationToken cancellationToken)
    {
        var (row, stored) = await LockAsync<DealRow>(
            $"SELECT {DealRow.Columns} FROM deals WHERE id = $1 FOR UPDATE", dealId, key, cancellationToken).ConfigureAwait(false);
        return new Locked<Deal>(row?.ToDeal(), stored);
    }

    public async Task<Locked<Listing>> LockListingAsync(long listingId, IdempotencyKey key, CancellationToken cancellationToken)
    {
        var (row, stored) = await LockAsync<ListingRow>(
            $"SELECT {ListingRow.Columns} FROM accounts WHERE id = $1 FOR UPDATE", listingId, key, cancellationToken).ConfigureAwait(false);
        return new Locked<Listing>(row?.ToListing(), stored);
    }

    public async Task<User?> FindUserAsync(long userId, CancellationToken cancellationToken)
    {
        var row = await connection.QuerySingleOrDefaultAsync<UserRow>(new CommandDefinition(
            $"SELECT {UserRow.Columns} FROM users WHERE id = @userId", new { userId }, transaction, cancellationToken: cancellationToken))
            .ConfigureAwait(false);
        return row?.ToUser();
    }

    public Task<int?> FindWarrantyDaysAsync(string game, CancellationToken cancellationToken) =>
        connection.QuerySingleOrDefaultAsync<int?>(new CommandDefinition(
            "SELECT warranty_days FROM game_settings WHERE game = @game", new { game }, transaction, cancellationToken: cancellationToken));

    public Task SaveCommandResultAsync(IdempotencyKey key, StoredCommandResult result, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(result);
        // Written at commit; a key another transaction saved first fails its unique index there, and the transaction
        // with it (CommitAsync turns that into DuplicateIdempotencyKeyException, and the caller replays).
        _save = (key, result);
        return Task.CompletedTask;
    }

    public async Task<Deal> CreateDealAsync(NewDeal deal, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(deal);
        var row = await connection.QuerySingleAsync<DealRow>(new CommandDefinition(
            $"""
            INSERT INTO deals (seller_id, buyer_id, account_id, escrow_status, amount, currency, fee, warranty_days,
                               created_at, payment_due_at, updated_at)
            VALUES (@SellerId, @BuyerId, @ListingId, 'awaiting_payment', @Amount, @Currency, @Fee, @WarrantyDays,
                    @CreatedAt, @PaymentDueAt, @CreatedAt)
            RETURNING {DealRow.Columns}
            """,
            new
            {
                deal.SellerId,
                deal.BuyerId,
                deal.ListingId,
                deal.Price.Amount,
                Currency = deal.Price.Currency.ToString(),
                Fee = deal.Fee.Amount,
                deal.WarrantyDays,
                deal.CreatedAt,
                deal.PaymentDueAt,
            },
            transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        var created = row.ToDeal();
        Queue("UPDATE accounts SET status = $1, updated_at = now() WHERE id = $2", ListingStatus.Reserved.ToName(), deal.ListingId);
        Queue(
            "INSERT INTO deal_events (deal_id, version, command, from_status, to_status, actor_kind, actor_id, created_at) VALUES ($1, $2, 'buy', NULL, 'awaiting_payment', 'user', $3, $4)",
            created.Id, created.Version, created.BuyerId, created.CreatedAt);
        var raised = DealIntegrationEvents.Created(created);
        Queue(CreatedEventInsert, raised.Id, raised.Type, raised.DealId, raised.DealVersion, raised.OccurredAt, raised.Data, created.ListingId);
        return created;
    }

    public Task ApplyAsync(DealTransition transition, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transition);
        _transition = transition;
        _event = DealIntegrationEvents.For(transition, clock.GetUtcNow());
        return Task.CompletedTask;
    }

    public async Task CommitAsync(CancellationToken cancellationToken)
    {
        if (_transition is { } transition)
        {
            _writes.BatchCommands.Add(TransitionCommand(transition, _save, _event));
        }
        else if (_save is { } save)
        {
            Queue(KeyInsert, save.Key.Value, save.Result.CommandName, save.Result.DealId, save.Result.ResultJson);
        }

        _writes.BatchCommands.Add(new NpgsqlBatchCommand("COMMIT"));
        int dealsUpdated;
        try
        {
            dealsUpdated = await WriteAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (PostgresException e) when (e is { SqlState: PostgresErrorCodes.UniqueViolation, ConstraintName: KeyConstraint } && _save is { } saved)
        {
            throw new DuplicateIdempotencyKeyException($"idempotency key '{saved.Key.Value}' was saved by another transaction", e);
        }

        if (_transition is not null && dealsUpdated != 1)
        {
            // Nothing was written: every part of the statement hangs on the deal's update.
            throw new DBConcurrencyException("the deal changed under its lock");
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _writes.DisposeAsync().ConfigureAwait(false);
        await transaction.DisposeAsync().ConfigureAwait(false);
        await connection.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>Sends the held-back writes and COMMIT; returns the deals the transition's statement updated.</summary>
    private async Task<int> WriteAsync(CancellationToken cancellationToken)
    {
        await using var reader = await _writes.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var dealsUpdated = _transition is not null && await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? reader.GetInt32(0) : 0;
        while (await reader.NextResultAsync(cancellationToken).ConfigureAwait(false))
        {
            // Reading to the end surfaces any statement's error here, before the transaction counts as committed.
        }

        return dealsUpdated;
    }

    private static NpgsqlBatchCommand TransitionCommand(
        DealTransition transition, (IdempotencyKey Key, StoredCommandResult Result)? save, IntegrationEvent? raised)
    {
        var (before, after, command, actor, posting) = (transition.Before, transition.After, transition.Command, transition.Actor, transition.Posting);
        // A chain payment's transactions rows are written per transfer as each one confirms (PostgresChainPaymentStore);
        // a Stars payment is one charge, recorded with the transition.
        var payment = command as ConfirmPayment is { Method: PaymentMethod.TelegramStars } stars ? stars : null;
        var opened = command as OpenDispute;
        var settlement = command is ResolveDispute ? transition.Settlement : null;
        var entries = posting?.Entries;
        return new NpgsqlBatchCommand(TransitionSql)
        {
            Parameters =
            {
                Typed(NpgsqlDbType.Text, after.Status.ToName()),
                Typed(NpgsqlDbType.Integer, after.Version),
                Typed(NpgsqlDbType.TimestampTz, after.PaidAt),
                Typed(NpgsqlDbType.TimestampTz, after.DeliveryDueAt),
                Typed(NpgsqlDbType.TimestampTz, after.DeliveredAt),
                Typed(NpgsqlDbType.TimestampTz, after.InspectionEndsAt),
                Typed(NpgsqlDbType.TimestampTz, after.CompletedAt),
                Typed(NpgsqlDbType.TimestampTz, after.WarrantyEndsAt),
                Typed(NpgsqlDbType.TimestampTz, after.ClosedAt),
                Typed(NpgsqlDbType.Text, after.DisputedFrom?.ToName()),
                Typed(NpgsqlDbType.Bigint, after.Id),
                Typed(NpgsqlDbType.Integer, before.Version),
                Typed(NpgsqlDbType.Text, command.Name),
                Typed(NpgsqlDbType.Text, before.Status.ToName()),
                Typed(NpgsqlDbType.Text, actor.Kind.ToString().ToLowerInvariant()),
                Typed(NpgsqlDbType.Bigint, actor.UserId),
                Typed(NpgsqlDbType.Text, Detail(command)),
                Typed(NpgsqlDbType.Text, payment?.Method.ToName()),
                Typed(NpgsqlDbType.Numeric, payment?.Amount.Amount),
                Typed(NpgsqlDbType.Text, payment?.Amount.Currency.ToString()),
                Typed(NpgsqlDbType.Text, payment?.PaymentReference),
                Typed(NpgsqlDbType.Text, posting?.Kind),
                Typed(NpgsqlDbType.Array | NpgsqlDbType.Text, entries?.Select(e => e.Account.Kind.ToName()).ToArray()),
                Typed(NpgsqlDbType.Array | NpgsqlDbType.Bigint, entries?.Select(e => e.Account.OwnerId).ToArray()),
                Typed(NpgsqlDbType.Array | NpgsqlDbType.Text, entries?.Select(e => e.Amount.Currency.ToString()).ToArray()),
                Typed(NpgsqlDbType.Array | NpgsqlDbType.Numeric, entries?.Select(e => e.Amount.Amount).ToArray()),
                Typed(NpgsqlDbType.Text, transition.ListingBecomes?.ToName()),
                Typed(NpgsqlDbType.Bigint, after.ListingId),
                Typed(NpgsqlDbType.Text, opened is null ? null : actor.Kind == ActorKind.Admin ? "admin" : "user"),
                Typed(NpgsqlDbType.Text, opened?.Reason),
                Typed(NpgsqlDbType.Text, opened is null ? null : before.Status == DealStatus.Completed ? "warranty_hold" : "escrow"),
                Typed(NpgsqlDbType.Text, settlement is null ? null : settlement.Outcome.ToName()),
                Typed(NpgsqlDbType.Numeric, settlement?.SellerShare.Amount),
                Typed(NpgsqlDbType.Numeric, settlement?.Fee.Amount),
                Typed(NpgsqlDbType.Numeric, settlement?.BuyerShare.Amount),
                Typed(NpgsqlDbType.Text, (command as ResolveDispute)?.Note),
                Typed(NpgsqlDbType.Text, save?.Key.Value),
                Typed(NpgsqlDbType.Text, save?.Result.CommandName),
                Typed(NpgsqlDbType.Jsonb, save?.Result.ResultJson),
                Typed(NpgsqlDbType.Uuid, raised?.Id),
                Typed(NpgsqlDbType.Text, raised?.Type),
                Typed(NpgsqlDbType.TimestampTz, raised?.OccurredAt),
                Typed(NpgsqlDbType.Jsonb, raised?.Data),
            },
        };
    }

    /// <summary>A parameter whose type holds when its value is NULL, so the statement prepares once for every transition.</summary>
    private static NpgsqlParameter Typed(NpgsqlDbType type, object? value) => new() { NpgsqlDbType = type, Value = value ?? DBNull.Value };

    /// <summary>Locks one row and reads the key's stored result, both in one round trip.</summary>
    private async Task<(TRow? Row, StoredCommandResult? Stored)> LockAsync<TRow>(
        string lockSql, long id, IdempotencyKey key, CancellationToken cancellationToken)
        where TRow : class
    {
        await using var batch = new NpgsqlBatch(connection, transaction)
        {
            BatchCommands = { new NpgsqlBatchCommand(lockSql) { Parameters = { new() { Value = id } } }, new NpgsqlBatchCommand(KeyLookup) { Parameters = { new() { Value = key.Value } } } },
        };
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var row = await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? reader.GetRowParser<TRow>()(reader) : null;
        await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
        var stored = await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
            ? reader.GetRowParser<StoredCommandResult>()(reader)
            : null;
        return (row, stored);
    }

    private NpgsqlBatchCommand Queue(string sql, params object?[] values)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value ?? DBNull.Value });
        }

        _writes.BatchCommands.Add(command);
        return command;
    }

    private static string? Detail(DealCommand command) => command switch
    {
        ConfirmPayment pay => $"{pay.Method.ToName()} {pay.Amount} ref {pay.PaymentReference}",
        CancelDeal cancel => cancel.Reason,
        RefundUndelivered refund => refund.Reason,
        _ => null,
    };
}
