using System.Data;
using Dapper;
using Npgsql;
using TrustyTrade.Core.Deals;
using TrustyTrade.Core.Idempotency;
using TrustyTrade.Core.Ledger;
using TrustyTrade.Core.Listings;
using TrustyTrade.Core.Users;

namespace TrustyTrade.Infrastructure.Persistence.Escrow;

/// <summary>One READ COMMITTED transaction; aggregates are locked with <c>SELECT … FOR UPDATE</c> before they change.</summary>
internal sealed class PostgresEscrowSession(NpgsqlConnection connection, NpgsqlTransaction transaction) : IEscrowSession
{
    public async Task<Deal?> LockDealAsync(long dealId, CancellationToken cancellationToken)
    {
        var row = await QuerySingleOrDefaultAsync<DealRow>(
            $"SELECT {DealRow.Columns} FROM deals WHERE id = @dealId FOR UPDATE", new { dealId }, cancellationToken).ConfigureAwait(false);
        return row?.ToDeal();
    }

    public async Task<Listing?> LockListingAsync(long listingId, CancellationToken cancellationToken)
    {
        var row = await QuerySingleOrDefaultAsync<ListingRow>(
            $"SELECT {ListingRow.Columns} FROM accounts WHERE id = @listingId FOR UPDATE", new { listingId }, cancellationToken).ConfigureAwait(false);
        return row?.ToListing();
    }

    public async Task<User?> FindUserAsync(long userId, CancellationToken cancellationToken)
    {
        var row = await QuerySingleOrDefaultAsync<UserRow>(
            $"SELECT {UserRow.Columns} FROM users WHERE id = @userId", new { userId }, cancellationToken).ConfigureAwait(false);
        return row?.ToUser();
    }

    public Task<int?> FindWarrantyDaysAsync(string game, CancellationToken cancellationToken) =>
        QuerySingleOrDefaultAsync<int?>("SELECT warranty_days FROM game_settings WHERE game = @game", new { game }, cancellationToken);

    public async Task<StoredCommandResult?> FindCommandResultAsync(IdempotencyKey key, CancellationToken cancellationToken)
    {
        var row = await QuerySingleOrDefaultAsync<(string Command, long? DealId, string Result)?>(
            "SELECT command, deal_id, result::text FROM idempotency_keys WHERE key = @key", new { key = key.Value }, cancellationToken)
            .ConfigureAwait(false);
        return row is { } r ? new StoredCommandResult(r.Command, r.DealId, r.Result) : null;
    }

    public async Task SaveCommandResultAsync(IdempotencyKey key, StoredCommandResult result, CancellationToken cancellationToken)
    {
        // ON CONFLICT keeps the transaction usable; a key another transaction saved first is reported, not thrown by the server.
        var inserted = await ExecuteAsync(
            """
            INSERT INTO idempotency_keys (key, command, deal_id, result) VALUES (@key, @command, @dealId, @result::jsonb)
            ON CONFLICT (key) DO NOTHING
            """,
            new { key = key.Value, command = result.CommandName, dealId = result.DealId, result = result.ResultJson },
            cancellationToken).ConfigureAwait(false);
        if (inserted == 0)
        {
            throw new DuplicateIdempotencyKeyException($"idempotency key '{key.Value}' was saved by another transaction");
        }
    }

    public async Task<Deal> CreateDealAsync(NewDeal deal, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(deal);
        var row = await QuerySingleOrDefaultAsync<DealRow>(
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
            cancellationToken).ConfigureAwait(false);
        var created = row!.ToDeal();
        await SetListingStatusAsync(deal.ListingId, ListingStatus.Reserved, cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(
            """
            INSERT INTO deal_events (deal_id, command, from_status, to_status, actor_kind, actor_id, created_at)
            VALUES (@id, 'buy', NULL, 'awaiting_payment', 'user', @buyerId, @at)
            """,
            new { id = created.Id, buyerId = created.BuyerId, at = created.CreatedAt },
            cancellationToken).ConfigureAwait(false);
        return created;
    }

    public async Task ApplyAsync(DealTransition transition, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transition);
        var (before, after) = (transition.Before, transition.After);

        var updated = await ExecuteAsync(
            """
            UPDATE deals SET escrow_status = @Status, version = @Version, paid_at = @PaidAt, delivery_due_at = @DeliveryDueAt,
                delivered_at = @DeliveredAt, inspection_ends_at = @InspectionEndsAt, completed_at = @CompletedAt,
                warranty_ends_at = @WarrantyEndsAt, closed_at = @ClosedAt, disputed_from = @DisputedFrom, updated_at = now()
            WHERE id = @Id AND version = @ExpectedVersion
            """,
            new
            {
                after.Id,
                Status = after.Status.ToName(),
                after.Version,
                ExpectedVersion = before.Version,
                after.PaidAt,
                after.DeliveryDueAt,
                after.DeliveredAt,
                after.InspectionEndsAt,
                after.CompletedAt,
                after.WarrantyEndsAt,
                after.ClosedAt,
                DisputedFrom = after.DisputedFrom?.ToName(),
            },
            cancellationToken).ConfigureAwait(false);
        if (updated != 1)
        {
            throw new DBConcurrencyException($"deal {after.Id} changed under its lock (version {before.Version})");
        }

        await ExecuteAsync(
            """
            INSERT INTO deal_events (deal_id, command, from_status, to_status, actor_kind, actor_id, detail)
            VALUES (@dealId, @command, @from, @to, @actorKind, @actorId, @detail)
            """,
            new
            {
                dealId = after.Id,
                command = transition.Command.Name,
                from = before.Status.ToName(),
                to = after.Status.ToName(),
                actorKind = transition.Actor.Kind.ToString().ToLowerInvariant(),
                actorId = transition.Actor.UserId,
                detail = Detail(transition.Command),
            },
            cancellationToken).ConfigureAwait(false);

        if (transition.Command is ConfirmPayment payment)
        {
            // The seed's payments record; its unique (method, hash) index backs up the idempotency key.
            await ExecuteAsync(
                """
                INSERT INTO transactions (deal_id, payment_method, amount, currency, status, transaction_hash)
                VALUES (@dealId, @method, @amount, @currency, 'confirmed', @reference)
                """,
                new
                {
                    dealId = after.Id,
                    method = payment.Method.ToName(),
                    amount = payment.Amount.Amount,
                    currency = payment.Amount.Currency.ToString(),
                    reference = payment.PaymentReference,
                },
                cancellationToken).ConfigureAwait(false);
        }

        if (transition.Posting is { } posting)
        {
            await AppendPostingAsync(after.Id, posting, cancellationToken).ConfigureAwait(false);
        }

        if (transition.ListingBecomes is { } listingStatus)
        {
            await SetListingStatusAsync(after.ListingId, listingStatus, cancellationToken).ConfigureAwait(false);
        }

        await ApplyDisputeAsync(transition, cancellationToken).ConfigureAwait(false);
    }

    public Task CommitAsync(CancellationToken cancellationToken) => transaction.CommitAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await transaction.DisposeAsync().ConfigureAwait(false);
        await connection.DisposeAsync().ConfigureAwait(false);
    }

    private async Task ApplyDisputeAsync(DealTransition transition, CancellationToken cancellationToken)
    {
        switch (transition.Command)
        {
            case OpenDispute open:
                await ExecuteAsync(
                    """
                    INSERT INTO disputes (deal_id, opened_by_kind, opened_by, reason, held_in)
                    VALUES (@dealId, @kind, @openedBy, @reason, @heldIn)
                    """,
                    new
                    {
                        dealId = transition.After.Id,
                        kind = transition.Actor.Kind == ActorKind.Admin ? "admin" : "user",
                        openedBy = transition.Actor.UserId,
                        reason = open.Reason,
                        heldIn = transition.Before.Status == DealStatus.Completed ? "warranty_hold" : "escrow",
                    },
                    cancellationToken).ConfigureAwait(false);
                break;
            case ResolveDispute resolve when transition.Settlement is { } settlement:
                await ExecuteAsync(
                    """
                    UPDATE disputes SET status = 'resolved', outcome = @outcome, seller_share = @sellerShare, fee = @fee,
                        buyer_share = @buyerShare, resolved_by = @adminId, resolution_note = @note, resolved_at = now()
                    WHERE deal_id = @dealId AND status = 'open'
                    """,
                    new
                    {
                        dealId = transition.After.Id,
                        outcome = OutcomeName(settlement.Outcome),
                        sellerShare = settlement.SellerShare.Amount,
                        fee = settlement.Fee.Amount,
                        buyerShare = settlement.BuyerShare.Amount,
                        adminId = transition.Actor.UserId,
                        note = resolve.Note,
                    },
                    cancellationToken).ConfigureAwait(false);
                break;
        }
    }

    private async Task AppendPostingAsync(long dealId, LedgerPosting posting, CancellationToken cancellationToken)
    {
        var postingId = await QuerySingleOrDefaultAsync<long>(
            "INSERT INTO ledger_postings (deal_id, kind) VALUES (@dealId, @kind) RETURNING id",
            new { dealId, kind = posting.Kind }, cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(
            """
            INSERT INTO ledger_entries (posting_id, account_kind, owner_id, currency, amount)
            SELECT @postingId, * FROM unnest(@kinds, @owners, @currencies, @amounts)
            """,
            new
            {
                postingId,
                kinds = posting.Entries.Select(e => e.Account.Kind.ToName()).ToArray(),
                owners = posting.Entries.Select(e => e.Account.OwnerId).ToArray(),
                currencies = posting.Entries.Select(e => e.Amount.Currency.ToString()).ToArray(),
                amounts = posting.Entries.Select(e => e.Amount.Amount).ToArray(),
            },
            cancellationToken).ConfigureAwait(false);
    }

    private Task<int> SetListingStatusAsync(long listingId, ListingStatus status, CancellationToken cancellationToken) =>
        ExecuteAsync(
            "UPDATE accounts SET status = @status, updated_at = now() WHERE id = @listingId",
            new { listingId, status = status.ToName() },
            cancellationToken);

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

    private Task<T?> QuerySingleOrDefaultAsync<T>(string sql, object parameters, CancellationToken cancellationToken) =>
        connection.QuerySingleOrDefaultAsync<T>(new CommandDefinition(sql, parameters, transaction, cancellationToken: cancellationToken));

    private Task<int> ExecuteAsync(string sql, object parameters, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(sql, parameters, transaction, cancellationToken: cancellationToken));
}
