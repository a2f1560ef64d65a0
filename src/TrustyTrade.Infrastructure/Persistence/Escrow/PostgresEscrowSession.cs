using System.Data;
using Dapper;
using Npgsql;
using TrustyTrade.Core.Deals;
using TrustyTrade.Core.Idempotency;
using TrustyTrade.Core.Listings;
using TrustyTrade.Core.Users;

namespace TrustyTrade.Infrastructure.Persistence.Escrow;

/// <summary>
/// One READ COMMITTED transaction. Aggregates are locked with <c>SELECT … FOR UPDATE</c> (in the same round trip
/// as the idempotency key's lookup); a transition's writes are queued and sent as one batch at commit, so a deal
/// command costs three round trips whatever it changes.
/// </summary>
internal sealed class PostgresEscrowSession(NpgsqlConnection connection, NpgsqlTransaction transaction) : IEscrowSession
{
    private const string KeyLookup = "SELECT command AS command_name, deal_id, result::text AS result_json FROM idempotency_keys WHERE key = $1";

    private readonly NpgsqlBatch _writes = new(connection, transaction);
    private NpgsqlBatchCommand? _dealUpdate;
    private NpgsqlBatchCommand? _keyInsert;
    private IdempotencyKey _key;

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
        // ON CONFLICT keeps the transaction usable; a key another transaction saved first shows as no row inserted.
        _key = key;
        _keyInsert = Queue(
            "INSERT INTO idempotency_keys (key, command, deal_id, result) VALUES ($1, $2, $3, $4::jsonb) ON CONFLICT (key) DO NOTHING",
            key.Value, result.CommandName, result.DealId, result.ResultJson);
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
        QueueListingStatus(deal.ListingId, ListingStatus.Reserved);
        Queue(
            "INSERT INTO deal_events (deal_id, command, from_status, to_status, actor_kind, actor_id, created_at) VALUES ($1, 'buy', NULL, 'awaiting_payment', 'user', $2, $3)",
            created.Id, created.BuyerId, created.CreatedAt);
        return created;
    }

    public Task ApplyAsync(DealTransition transition, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transition);
        var (before, after) = (transition.Before, transition.After);

        _dealUpdate = Queue(
            """
            UPDATE deals SET escrow_status = $1, version = $2, paid_at = $3, delivery_due_at = $4, delivered_at = $5,
                inspection_ends_at = $6, completed_at = $7, warranty_ends_at = $8, closed_at = $9, disputed_from = $10,
                updated_at = now()
            WHERE id = $11 AND version = $12
            """,
            after.Status.ToName(), after.Version, after.PaidAt, after.DeliveryDueAt, after.DeliveredAt, after.InspectionEndsAt,
            after.CompletedAt, after.WarrantyEndsAt, after.ClosedAt, after.DisputedFrom?.ToName(), after.Id, before.Version);

        Queue(
            "INSERT INTO deal_events (deal_id, command, from_status, to_status, actor_kind, actor_id, detail) VALUES ($1, $2, $3, $4, $5, $6, $7)",
            after.Id, transition.Command.Name, before.Status.ToName(), after.Status.ToName(),
            transition.Actor.Kind.ToString().ToLowerInvariant(), transition.Actor.UserId, Detail(transition.Command));

        if (transition.Command is ConfirmPayment payment)
        {
            // The seed's payments record; its unique (method, hash) index backs up the idempotency key.
            Queue(
                "INSERT INTO transactions (deal_id, payment_method, amount, currency, status, transaction_hash) VALUES ($1, $2, $3, $4, 'confirmed', $5)",
                after.Id, payment.Method.ToName(), payment.Amount.Amount, payment.Amount.Currency.ToString(), payment.PaymentReference);
        }

        if (transition.Posting is { } posting)
        {
            Queue(
                """
                WITH posting AS (INSERT INTO ledger_postings (deal_id, kind) VALUES ($1, $2) RETURNING id)
                INSERT INTO ledger_entries (posting_id, account_kind, owner_id, currency, amount)
                SELECT posting.id, e.* FROM posting, unnest($3::text[], $4::bigint[], $5::text[], $6::numeric[]) AS e
                """,
                after.Id, posting.Kind,
                posting.Entries.Select(e => e.Account.Kind.ToName()).ToArray(),
                posting.Entries.Select(e => e.Account.OwnerId).ToArray(),
                posting.Entries.Select(e => e.Amount.Currency.ToString()).ToArray(),
                posting.Entries.Select(e => e.Amount.Amount).ToArray());
        }

        if (transition.ListingBecomes is { } listingStatus)
        {
            QueueListingStatus(after.ListingId, listingStatus);
        }

        QueueDispute(transition);
        return Task.CompletedTask;
    }

    public async Task CommitAsync(CancellationToken cancellationToken)
    {
        if (_writes.BatchCommands.Count > 0)
        {
            await _writes.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            if (_dealUpdate is { RecordsAffected: not 1 })
            {
                throw new DBConcurrencyException("the deal changed under its lock");
            }

            if (_keyInsert is { RecordsAffected: 0 })
            {
                throw new DuplicateIdempotencyKeyException($"idempotency key '{_key.Value}' was saved by another transaction");
            }
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        await _writes.DisposeAsync().ConfigureAwait(false);
        await transaction.DisposeAsync().ConfigureAwait(false);
        await connection.DisposeAsync().ConfigureAwait(false);
    }

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

    private void QueueDispute(DealTransition transition)
    {
        switch (transition.Command)
        {
            case OpenDispute open:
                Queue(
                    "INSERT INTO disputes (deal_id, opened_by_kind, opened_by, reason, held_in) VALUES ($1, $2, $3, $4, $5)",
                    transition.After.Id,
                    transition.Actor.Kind == ActorKind.Admin ? "admin" : "user",
                    transition.Actor.UserId,
                    open.Reason,
                    transition.Before.Status == DealStatus.Completed ? "warranty_hold" : "escrow");
                break;
            case ResolveDispute resolve when transition.Settlement is { } settlement:
                Queue(
                    """
                    UPDATE disputes SET status = 'resolved', outcome = $2, seller_share = $3, fee = $4, buyer_share = $5,
                        resolved_by = $6, resolution_note = $7, resolved_at = now()
                    WHERE deal_id = $1 AND status = 'open'
                    """,
                    transition.After.Id, OutcomeName(settlement.Outcome), settlement.SellerShare.Amount, settlement.Fee.Amount,
                    settlement.BuyerShare.Amount, transition.Actor.UserId, resolve.Note);
                break;
        }
    }

    private void QueueListingStatus(long listingId, ListingStatus status) =>
        Queue("UPDATE accounts SET status = $1, updated_at = now() WHERE id = $2", status.ToName(), listingId);

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

    private static string OutcomeName(DisputeOutcome outcome) => outcome switch
    {
        DisputeOutcome.ReleaseToSeller => "release_to_seller",
        DisputeOutcome.RefundToBuyer => "refund_to_buyer",
        DisputeOutcome.Split => "split",
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, "unknown dispute outcome"),
    };
}
