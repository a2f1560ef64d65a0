using Dapper;
using Npgsql;
using TrustyTrade.Core.Access;
using TrustyTrade.Core.Notifications.Messages;

namespace TrustyTrade.Infrastructure.Notifications;

/// <summary><see cref="ISentMessageStore"/> over <c>api_messages</c>.</summary>
internal sealed class PostgresSentMessageStore(NpgsqlDataSource dataSource) : ISentMessageStore
{
    private const string Columns = """
        id AS Id, kind AS Kind, sender_kind AS SenderKind, sender_id AS SenderId, api_key_id AS ApiKeyId, user_id AS UserId,
        broadcast_id AS BroadcastId, language AS Language, text AS Text, queued AS Queued, sent_at AS SentAt
        """;

    public async Task<SentMessage> RecordAsync(NewSentMessage message, Func<long, Task> enqueue, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(enqueue);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var row = await connection.QuerySingleAsync<Row>(new CommandDefinition(
            $"""
            INSERT INTO api_messages (kind, sender_kind, sender_id, api_key_id, user_id, broadcast_id, language, text, queued)
            VALUES (@kind, @senderKind, @senderId, @apiKeyId, @userId, @broadcastId, @language, @text, @queued)
            RETURNING {Columns}
            """,
            new
            {
                kind = message.Kind == SentMessageKind.Direct ? "direct" : "broadcast",
                senderKind = message.Sender.Kind == CallerKind.ApiKey ? "api_key" : "admin",
                senderId = message.Sender.UserId,
                apiKeyId = message.Sender.ApiKeyId,
                userId = message.UserId,
                broadcastId = message.BroadcastId,
                language = message.Language,
                text = message.Text,
                queued = message.Queued,
            },
            transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);

        // Queued while the row is uncommitted: a failure here rolls the row back with it.
        await enqueue(row.Id).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return row.ToMessage();
    }

    public async Task<IReadOnlyList<SentMessage>> ListAsync(long? beforeId, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(
            $"SELECT {Columns} FROM api_messages WHERE (@beforeId::bigint IS NULL OR id < @beforeId) ORDER BY id DESC LIMIT @limit",
            new { beforeId, limit }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return [.. rows.Select(r => r.ToMessage())];
    }

    private sealed record Row(
        long Id, string Kind, string SenderKind, long? SenderId, long? ApiKeyId, long? UserId, string? BroadcastId, string? Language,
        string Text, int Queued, DateTime SentAt)
    {
        public SentMessage ToMessage() => new(
            Id,
            Kind == "direct" ? SentMessageKind.Direct : SentMessageKind.Broadcast,
            SenderKind == "api_key" ? CallerKind.ApiKey : CallerKind.Admin,
            SenderId,
            ApiKeyId,
            UserId,
            BroadcastId,
            Language,
            Text,
            Queued,
            new DateTimeOffset(DateTime.SpecifyKind(SentAt, DateTimeKind.Utc)));
    }
}
