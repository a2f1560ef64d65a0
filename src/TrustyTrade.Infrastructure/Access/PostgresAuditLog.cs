using System.Text.Json;
using System.Text.Json.Serialization;
using Dapper;
using Npgsql;
using NpgsqlTypes;
using TrustyTrade.Core.Access;
using TrustyTrade.Infrastructure.Persistence;

namespace TrustyTrade.Infrastructure.Access;

internal sealed class PostgresAuditLog : IAuditLog
{
    // Enums by name, as the API writes them: an audit row reads "approved", not 1, and survives reordering an enum.
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    private readonly NpgsqlDataSource _dataSource;

    public PostgresAuditLog(NpgsqlDataSource dataSource)
    {
        DapperSetup.Ensure();
        _dataSource = dataSource;
    }

    public async Task AppendAsync(AuditEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        await using var command = _dataSource.CreateCommand(
            """
            INSERT INTO audit_log (actor_kind, actor_id, api_key_id, action, target_type, target_id, before, after, client_ip)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
            """);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = ActorKind(entry.Caller.Kind) });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)entry.Caller.UserId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Bigint });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)entry.Caller.ApiKeyId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Bigint });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = entry.Action });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = entry.TargetType });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)entry.TargetId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(JsonParameter(entry.Before));
        command.Parameters.Add(JsonParameter(entry.After));
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)entry.Caller.ClientIp ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<AuditRecord>> ListAsync(
        string? targetType, string? targetId, long? beforeId, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(
            """
            SELECT id, at, actor_kind, actor_id, api_key_id, action, target_type, target_id,
                   before::text AS before, after::text AS after, client_ip
            FROM audit_log
            WHERE (@targetType::text IS NULL OR target_type = @targetType)
              AND (@targetId::text IS NULL OR target_id = @targetId)
              AND (@beforeId::bigint IS NULL OR id < @beforeId)
            ORDER BY id DESC LIMIT @limit
            """,
            new { targetType, targetId, beforeId, limit }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows.Select(r => new AuditRecord(
            r.Id, new DateTimeOffset(DateTime.SpecifyKind(r.At, DateTimeKind.Utc)), r.ActorKind, r.ActorId, r.ApiKeyId, r.Action,
            r.TargetType, r.TargetId, Parse(r.Before), Parse(r.After), r.ClientIp)).ToList();
    }

    private static string ActorKind(CallerKind kind) => kind switch
    {
        CallerKind.Admin => "admin",
        CallerKind.User => "user",
        CallerKind.ApiKey => "api_key",
        _ => "system",
    };

    private static NpgsqlParameter JsonParameter(object? value) => new()
    {
        Value = value is null ? DBNull.Value : JsonSerializer.Serialize(value, value.GetType(), Json),
        NpgsqlDbType = NpgsqlDbType.Jsonb,
    };

    private static JsonElement? Parse(string? json) => json is null ? null : JsonDocument.Parse(json).RootElement.Clone();

    private sealed record Row(
        long Id, DateTime At, string ActorKind, long? ActorId, long? ApiKeyId, string Action, string TargetType, string? TargetId,
        string? Before, string? After, string? ClientIp);
}
