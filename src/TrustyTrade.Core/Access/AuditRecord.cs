using System.Text.Json;

namespace TrustyTrade.Core.Access;

/// <summary>A row of the audit log as read back.</summary>
public sealed record AuditRecord(
    long Id,
    DateTimeOffset At,
    string ActorKind,
    long? ActorId,
    long? ApiKeyId,
    string Action,
    string TargetType,
    string? TargetId,
    JsonElement? Before,
    JsonElement? After,
    string? ClientIp);
