using Dapper;
using Npgsql;
using TrustyTrade.Core.DealRecords;
using TrustyTrade.Core.Deals;

namespace TrustyTrade.Infrastructure.Persistence;

internal sealed class PostgresDealRecordStore : IDealRecordStore
{
    private readonly NpgsqlDataSource _dataSource;

    public PostgresDealRecordStore(NpgsqlDataSource dataSource)
    {
        DapperSetup.Ensure();
        _dataSource = dataSource;
    }

    public async Task<DealParties?> FindPartiesAsync(long dealId, CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var row = await connection.QuerySingleOrDefaultAsync<(long Id, long BuyerId, long SellerId, string Status, bool OpenDispute)?>(
            new CommandDefinition(
                """
                SELECT d.id, d.buyer_id, d.seller_id, d.escrow_status,
                       EXISTS (SELECT 1 FROM disputes x WHERE x.deal_id = d.id AND x.status = 'open')
                FROM deals d WHERE d.id = @dealId
                """,
                new { dealId }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return row is { } r ? new DealParties(r.Id, r.BuyerId, r.SellerId, DealStatusNames.Parse(r.Status), r.OpenDispute) : null;
    }

    public async Task<DealMessage> InsertMessageAsync(
        long dealId, long senderId, long recipientId, string body, DateTimeOffset at, string? sourceKey, CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var (id, createdAt) = await connection.QuerySingleAsync<(long, DateTime)>(new CommandDefinition(
            """
            WITH inserted AS (
                INSERT INTO deal_messages (deal_id, sender_id, body, created_at, source_key)
                VALUES (@dealId, @senderId, @body, @at, @sourceKey)
                ON CONFLICT (source_key) WHERE source_key IS NOT NULL DO NOTHING
                RETURNING id, created_at)
            SELECT id, created_at FROM inserted
            UNION ALL
            SELECT id, created_at FROM deal_messages WHERE source_key = @sourceKey AND NOT EXISTS (SELECT 1 FROM inserted)
            """,
            new { dealId, senderId, body, at, sourceKey }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return new DealMessage(id, dealId, senderId, recipientId, body, new DateTimeOffset(DateTime.SpecifyKind(createdAt, DateTimeKind.Utc)));
    }

    public async Task<IReadOnlyList<DealMessage>> ListMessagesAsync(long dealId, CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<(long Id, long SenderId, long BuyerId, long SellerId, string Body, DateTime CreatedAt)>(
            new CommandDefinition(
                """
                SELECT m.id, m.sender_id, d.buyer_id, d.seller_id, m.body, m.created_at
                FROM deal_messages m JOIN deals d ON d.id = m.deal_id WHERE m.deal_id = @dealId ORDER BY m.id
                """,
                new { dealId }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return
        [
            .. rows.Select(r => new DealMessage(r.Id, dealId, r.SenderId, r.SenderId == r.BuyerId ? r.SellerId : r.BuyerId, r.Body,
                new DateTimeOffset(DateTime.SpecifyKind(r.CreatedAt, DateTimeKind.Utc)))),
        ];
    }

    public async Task<bool> InsertRatingAsync(long dealId, long raterId, long rateeId, int score, string? comment, CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);

        // The ratee's row is locked first, so ratings of one user run one after another: each recomputation below
        // starts after the previous one committed and sees its rating (without the lock a concurrent, not yet
        // committed rating would be left out of the mean and the count).
        await connection.ExecuteAsync(new CommandDefinition(
            "SELECT 1 FROM users WHERE id = @rateeId FOR UPDATE",
            new { rateeId }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        var inserted = await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO ratings (deal_id, rater_id, ratee_id, score, comment) VALUES (@dealId, @raterId, @rateeId, @score, @comment)
            ON CONFLICT (deal_id, rater_id) DO NOTHING
            """,
            new { dealId, raterId, rateeId, score = (short)score, comment }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        if (inserted == 0)
        {
            return false;
        }

        // Recomputed from the ratings themselves (not incremented), so the mean can't drift.
        await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE users u SET rating = r.mean, ratings_count = r.n
            FROM (SELECT round(avg(score), 2) AS mean, count(*)::int AS n FROM ratings WHERE ratee_id = @rateeId) r
            WHERE u.id = @rateeId
            """,
            new { rateeId }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return true;
    }

    public async Task<bool> InsertEvidenceAsync(long dealId, long submittedBy, Evidence evidence, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO dispute_evidence (dispute_id, submitted_by, kind, body, telegram_file_id)
            SELECT id, @submittedBy, @kind, @Body, @TelegramFileId FROM disputes WHERE deal_id = @dealId AND status = 'open'
            """,
            new { dealId, submittedBy, kind = evidence.Kind.ToString().ToLowerInvariant(), evidence.Body, evidence.TelegramFileId },
            cancellationToken: cancellationToken)).ConfigureAwait(false) == 1;
    }
}
